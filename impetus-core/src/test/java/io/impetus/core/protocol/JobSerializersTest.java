package io.impetus.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.RecordSerializer;
import io.impetus.core.job.ErrorInfo;
import io.impetus.core.job.JobLimits;
import io.impetus.core.job.JobOutcome;
import io.impetus.core.job.JobResult;
import io.impetus.core.job.JobSpec;
import io.impetus.core.job.LeasedJob;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The per-job serializers write exactly what Kryo's reflective record serializer writes, inside
 * the messages that carry them, so that the protocol and the journal keep their format; what they
 * write reads back equal; and a record its constructor refuses fails as a {@link KryoException}.
 */
class JobSerializersTest {

  private static final List<Class<?>> JOB_TYPES = List.of(JobSpec.class, LeasedJob.class,
      JobOutcome.class, ErrorInfo.class, JobResult.class);

  @Property(tries = 300)
  void submittedJobsAreWrittenAsTheReflectiveSerializerWritesThem(
      @ForAll("specs") List<JobSpec> specs) {
    assertSameBytesAndRoundTrip(new SubmitJobs(7, "stream", specs));
  }

  @Property(tries = 300)
  void leasedJobsAreWrittenAsTheReflectiveSerializerWritesThem(
      @ForAll("leased") List<LeasedJob> jobs) {
    assertSameBytesAndRoundTrip(new LeasedJobs(-3, jobs));
  }

  @Property(tries = 300)
  void outcomesAndResultsAreWrittenAsTheReflectiveSerializerWritesThem(
      @ForAll("specs") List<JobSpec> specs, @ForAll("outcomeFields") List<OutcomeFields> fields,
      @ForAll int attempts) {
    List<JobOutcome> outcomes = fields.stream().map(f -> f.outcome(f.id)).toList();
    assertSameBytesAndRoundTrip(new CompleteJobs(1, "s", outcomes));
    List<JobResult> results = specs.stream()
        .map(spec -> new JobResult(spec, fields.isEmpty()
            ? OutcomeFields.SUCCESS.outcome(spec.id())
            : fields.get(Math.floorMod(spec.id().hashCode(), fields.size())).outcome(spec.id()),
            attempts))
        .toList();
    assertSameBytesAndRoundTrip(new JobResults("s", results));
  }

  @Test
  void installsItselfOnlyOnTheClassesAKryoRegistered() {
    Kryo kryo = new Kryo();
    kryo.register(JobSpec.class, 100);
    JobSerializers.install(kryo);
    assertThat(kryo.getRegistration(JobSpec.class).getSerializer())
        .isNotInstanceOf(RecordSerializer.class);
    assertThat(kryo.getClassResolver().getRegistration(LeasedJob.class)).isNull();
  }

  @Test
  void anOutcomeItsConstructorRefusesIsAKryoException() {
    Kryo kryo = ProtocolKryo.create();
    Output output = new Output(64);
    output.writeVarLong(1, false);   // epoch
    output.writeByte(Kryo.NULL);     // error
    output.writeVarLong(2, false);   // finishedMillis
    output.writeString("job-1");     // id
    output.writeString("node");      // node
    output.writeByte(Kryo.NULL);     // result: neither a result nor an error
    output.writeVarLong(1, false);   // startedMillis
    output.writeString("worker");    // worker

    assertThatThrownBy(() -> kryo.readObject(ProtocolKryo.reader(output.toBytes()),
        JobOutcome.class))
        .isInstanceOf(KryoException.class)
        .hasMessageContaining("either a result or an error")
        .hasMessageContaining(JobOutcome.class.getName());
  }

  private static void assertSameBytesAndRoundTrip(Message message) {
    byte[] fast = write(ProtocolKryo.create(), message);
    assertThat(fast).isEqualTo(write(reflective(), message));
    Object read = ProtocolKryo.create().readClassAndObject(ProtocolKryo.reader(fast));
    assertThat(read).usingRecursiveComparison().isEqualTo(message);
  }

  /** The protocol's Kryo as it was: Kryo's reflective serializer for every record. */
  private static Kryo reflective() {
    Kryo kryo = ProtocolKryo.create();
    for (Class<?> type : JOB_TYPES) {
      kryo.getRegistration(type).setSerializer(new RecordSerializer<>(type));
    }
    return kryo;
  }

  private static byte[] write(Kryo kryo, Object message) {
    Output output = new Output(256, -1);
    kryo.writeClassAndObject(output, message);
    return output.toBytes();
  }

  /** Any text, including the empty string and characters beyond ASCII. */
  private static Arbitrary<String> text() {
    return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40),
        Arbitraries.strings().all().ofMaxLength(8), Arbitraries.just(""));
  }

  private static Arbitrary<byte[]> bytes() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
  }

  @Provide
  Arbitrary<List<JobSpec>> specs() {
    Arbitrary<Map<String, String>> extra = Arbitraries.maps(text(), text()).ofMaxSize(3);
    Arbitrary<JobSpec> spec = Combinators.combine(text(), text(), text(), bytes(),
            Arbitraries.integers(), Arbitraries.longs().greaterOrEqual(0), Arbitraries.longs(),
            extra)
        .as((id, name, callback, args, priority, delay, created, properties) -> new JobSpec(
            id, name, "com.example." + name, "c0de" + callback.length(), args, priority, delay,
            callback, created, properties));
    Arbitrary<JobLimits> limits = Combinators.combine(Arbitraries.longs().greaterOrEqual(0),
        Arbitraries.integers().greaterOrEqual(0)).as(JobLimits::new);
    return Combinators.combine(spec, limits).as((job, own) -> new JobSpec(job.id(), job.name(),
        job.className(), job.codeHash(), job.args(), job.priority(), job.delayMillis(),
        job.callback(), job.createdMillis(), own, job.extra())).list().ofMaxSize(4);
  }

  @Provide
  Arbitrary<List<LeasedJob>> leased() {
    return Combinators.combine(text(), Arbitraries.longs(), Arbitraries.integers(), text(),
            text(), bytes(), Arbitraries.longs().greaterOrEqual(0))
        .as((id, epoch, attempt, name, hash, args, limit) -> new LeasedJob(id, epoch, attempt,
            name, "com.example.Client", hash, args, limit))
        .list().ofMaxSize(4);
  }

  /** An outcome but for its job id, so that results can pair it with any spec. */
  record OutcomeFields(String id, long epoch, byte[] result, ErrorInfo error, long started,
      long finished, String node, String worker) {

    static final OutcomeFields SUCCESS =
        new OutcomeFields("", 1, new byte[] {1}, null, 2, 3, "node", "worker");

    JobOutcome outcome(String jobId) {
      return new JobOutcome(jobId, epoch, error == null ? result : null, error, started,
          finished, node, worker);
    }
  }

  @Provide
  Arbitrary<List<OutcomeFields>> outcomeFields() {
    Arbitrary<ErrorInfo> error = Combinators.combine(text(), text(), Arbitraries.integers(),
            text(), text(), text())
        .as(ErrorInfo::new)
        .injectNull(0.5);
    return Combinators.combine(text(), Arbitraries.longs(), bytes(), error, Arbitraries.longs(),
            Arbitraries.longs(), text(), text())
        .as(OutcomeFields::new)
        .list().ofMaxSize(4);
  }
}
