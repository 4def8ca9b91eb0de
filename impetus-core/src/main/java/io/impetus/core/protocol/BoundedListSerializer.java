package io.impetus.core.protocol;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.serializers.CollectionSerializer;
import java.util.ArrayList;
import java.util.List;

/**
 * Kryo's list serialization, byte for byte, except that reading refuses a list whose claimed
 * size exceeds the bytes left of the message, before allocating room for it (Kryo would size
 * its array by the claim). Replaces the serializers of {@link ArrayList} and of the JDK's
 * immutable lists ({@code List.of}), which read back as immutable lists.
 *
 * <p>Thread-safe as Kryo's serializers are: it holds only its configuration.
 */
final class BoundedListSerializer extends CollectionSerializer<List<Object>> {

  private final boolean immutable;

  /**
   * A serializer for one kind of list.
   *
   * @param immutable true for the {@code List.of} classes: no null elements, and read back as an
   *     immutable list; false for {@link ArrayList}
   */
  BoundedListSerializer(boolean immutable) {
    this.immutable = immutable;
    setElementsCanBeNull(!immutable);
  }

  @Override
  protected List<Object> create(
      Kryo kryo, Input input, Class<? extends List<Object>> type, int size) {
    BoundedInput.requireAvailable(input, size, "list", "elements");
    return new ArrayList<>(size);
  }

  @Override
  public List<Object> read(Kryo kryo, Input input, Class<? extends List<Object>> type) {
    List<Object> list = super.read(kryo, input, type);
    return immutable && list != null ? List.copyOf(list) : list;
  }
}
