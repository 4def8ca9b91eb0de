package io.impetus.queue.internal.journal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers;
import com.esotericsoftware.kryo.util.Pool;
import io.impetus.core.job.ErrorInfo;
import io.impetus.core.job.JobOutcome;
import io.impetus.core.job.JobLimits;
import io.impetus.core.job.JobSpec;
import io.impetus.core.protocol.JobSerializers;
import io.impetus.core.protocol.ReferencingOutput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Turns journal records into bytes and back, with Kryo and a fixed class registration of its own
 * (independent of the wire protocol, so the protocol can change without making old journals
 * unreadable). The registration order is the on-disk format: changing it means raising
 * {@link SegmentFormat#VERSION}.
 *
 * <p>Thread-safe: Kryo instances come from a pool.
 */
final class JournalCodec {

  private static final int FIRST_ID = 100;
  private static final List<Class<?>> TYPES = List.of(
      byte[].class,
      ArrayList.class,
      HashMap.class,
      JobSpec.class,
      JobOutcome.class,
      ErrorInfo.class,
      JournalRecord.StreamCreated.class,
      JournalRecord.StreamClosed.class,
      JournalRecord.JobsSubmitted.class,
      JournalRecord.JobsFinished.class,
      JournalRecord.JobsReturned.class,
      JournalRecord.ResultsAcked.class,
      JournalRecord.DataPut.class,
      JournalRecord.DataDeleted.class,
      JournalRecord.JobImage.class,
      JobLimits.class);

  private final Pool<Kryo> kryos = new Pool<>(true, false, 16) {
    @Override
    protected Kryo create() {
      Kryo kryo = new Kryo();
      kryo.setRegistrationRequired(true);
      kryo.setReferences(false);
      int id = FIRST_ID;
      for (Class<?> type : TYPES) {
        kryo.register(type, id++);
      }
      ImmutableCollectionsSerializers.registerSerializers(kryo);
      JobSerializers.install(kryo);
      return kryo;
    }
  };

  /**
   * The record's bytes: its small parts written into a buffer of the record's {@link
   * EncodedSize}, its payloads by reference.
   */
  EncodedRecord encode(JournalRecord record) {
    Kryo kryo = kryos.obtain();
    EncodedRecord encoded = new EncodedRecord();
    try (ReferencingOutput output = new ReferencingOutput(EncodedSize.of(record))) {
      output.referTo(encoded);
      kryo.writeClassAndObject(output, record);
      return encoded.finish(output.getBuffer(), output.position());
    } finally {
      kryos.free(kryo);
    }
  }

  /**
   * The record these bytes hold.
   *
   * @throws CorruptJournalException when they hold no record
   */
  JournalRecord decode(byte[] bytes) {
    Kryo kryo = kryos.obtain();
    try (Input input = new Input(bytes)) {
      Object value = kryo.readClassAndObject(input);
      if (value instanceof JournalRecord record) {
        return record;
      }
      throw new CorruptJournalException("a journal frame holds a "
          + (value == null ? "null" : value.getClass().getSimpleName()) + ", not a record");
    } catch (KryoException | IllegalArgumentException e) {
      throw new CorruptJournalException("a journal frame cannot be decoded: " + e.getMessage(), e);
    } finally {
      kryos.free(kryo);
    }
  }
}
