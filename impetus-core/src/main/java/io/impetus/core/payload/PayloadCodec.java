package io.impetus.core.payload;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.util.Pool;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * Serializes job arguments and results (user objects) with Kryo, resolving classes through the
 * class loader of the code that owns them: the client's own loader on the client, the bundle's
 * loader on a worker. Unlike the protocol, registration is not required, since users pass their
 * own types; only authenticated peers ever send payloads.
 *
 * <p>Thread-safe: Kryo instances come from a pool.
 */
public final class PayloadCodec {

  private static final int POOL_SIZE = 16;

  private final Pool<Kryo> pool;

  /** A codec that resolves classes through {@code loader}. */
  public PayloadCodec(ClassLoader loader) {
    this.pool = new Pool<>(true, false, POOL_SIZE) {
      @Override
      protected Kryo create() {
        return newKryo(loader);
      }
    };
  }

  private static Kryo newKryo(ClassLoader loader) {
    Kryo kryo = new Kryo(new NamedClassesOnly(), null);
    kryo.setRegistrationRequired(false);
    kryo.setReferences(true);
    kryo.setClassLoader(loader);
    kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
    ImmutableCollectionsSerializers.registerSerializers(kryo);
    kryo.addDefaultSerializer(UUID.class, new UuidSerializer());
    return kryo;
  }

  /**
   * Serializes a value, null included.
   *
   * @throws PayloadException when Kryo cannot serialize it
   */
  public byte[] encode(@Nullable Object value) {
    Kryo kryo = pool.obtain();
    try (Output output = new Output(initialBuffer(value), -1)) {
      kryo.writeClassAndObject(output, value);
      return output.toBytes();
    } catch (KryoException | IllegalArgumentException e) {
      throw new PayloadException("cannot serialize " + describe(value) + ": " + e.getMessage(), e);
    } finally {
      pool.free(kryo);
    }
  }

  /**
   * Deserializes a value written by {@link #encode}.
   *
   * @throws PayloadException when the bytes do not decode with this codec's classes
   */
  public @Nullable Object decode(byte[] bytes) {
    Kryo kryo = pool.obtain();
    try (Input input = new Input(bytes)) {
      return kryo.readClassAndObject(input);
    } catch (KryoException | IllegalArgumentException e) {
      throw new PayloadException("cannot deserialize a payload: " + e.getMessage(), e);
    } finally {
      pool.free(kryo);
    }
  }

  /**
   * The encoding buffer to start with: a byte array's size (and room for its class and length),
   * so that a large one is copied once rather than into a buffer that doubles on the way; small
   * for anything else.
   */
  private static int initialBuffer(@Nullable Object value) {
    return value instanceof byte[] bytes ? bytes.length + 16 : 64;
  }

  private static String describe(@Nullable Object value) {
    return value == null ? "null" : "a value of type " + value.getClass().getName();
  }

  /**
   * Refuses to write a class that could never be read back because it has no name to load it
   * by: a lambda (serializable or not) or another hidden class. Kryo would write it, and the
   * payload would fail only where it is read.
   */
  private static final class NamedClassesOnly extends DefaultClassResolver {
    @Override
    protected void writeName(Output output, Class type, Registration registration) {
      if (type.isHidden()) {
        throw new KryoException(type.getName() + " is a lambda or another hidden class, which"
            + " cannot be read back: use a record or a named class");
      }
      super.writeName(output, type, registration);
    }
  }

  /** Kryo has no serializer of its own for {@link UUID}, whose fields are final. */
  private static final class UuidSerializer extends Serializer<UUID> {
    UuidSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, UUID uuid) {
      output.writeLong(uuid.getMostSignificantBits());
      output.writeLong(uuid.getLeastSignificantBits());
    }

    @Override
    public UUID read(Kryo kryo, Input input, Class<? extends UUID> type) {
      return new UUID(input.readLong(), input.readLong());
    }
  }
}
