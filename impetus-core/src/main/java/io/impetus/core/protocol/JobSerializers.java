package io.impetus.core.protocol;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.impetus.core.job.ErrorInfo;
import io.impetus.core.job.JobLimits;
import io.impetus.core.job.JobOutcome;
import io.impetus.core.job.JobResult;
import io.impetus.core.job.JobSpec;
import io.impetus.core.job.LeasedJob;
import java.util.Map;

/**
 * Kryo serializers for the records that travel once per job: {@link JobSpec}, {@link LeasedJob},
 * {@link JobOutcome}, {@link ErrorInfo} and {@link JobResult}. They write exactly the bytes of
 * Kryo's reflective {@code RecordSerializer} (the components in the order of their names, each
 * as that serializer writes it), so the protocol and the journal keep their format, but they call
 * the accessors and the canonical constructor directly: no reflection, no boxing, and far less
 * for the JIT to compile than the reflective serializer's generic paths. A constructor that
 * refuses what was read raises a {@link KryoException}, as the reflective serializer does.
 *
 * <p>Stateless and thread-safe; the serializers may be shared by any number of Kryo instances.
 */
public final class JobSerializers {

  private JobSerializers() {}

  /**
   * Puts these serializers on those of the five classes that {@code kryo} has registered; the
   * registration ids stay as they are.
   */
  public static void install(Kryo kryo) {
    use(kryo, JobSpec.class, new JobSpecSerializer());
    use(kryo, LeasedJob.class, new LeasedJobSerializer());
    use(kryo, JobOutcome.class, new JobOutcomeSerializer());
    use(kryo, ErrorInfo.class, new ErrorInfoSerializer());
    use(kryo, JobResult.class, new JobResultSerializer());
  }

  private static <T> void use(Kryo kryo, Class<T> type, Serializer<T> serializer) {
    Registration registration = kryo.getClassResolver().getRegistration(type);
    if (registration != null) {
      registration.setSerializer(serializer);
    }
  }

  /** What the reflective serializer throws when the record's constructor refuses the values. */
  private static KryoException notConstructed(Class<?> type, RuntimeException cause) {
    KryoException wrapped = new KryoException(cause);
    wrapped.addTrace("Could not construct type (" + type.getName() + ")");
    return wrapped;
  }

  /**
   * Components by name: args, callback, className, codeHash, createdMillis, delayMillis, extra,
   * id, limits (its time limit and attempts), name, priority.
   */
  private static final class JobSpecSerializer extends Serializer<JobSpec> {

    JobSpecSerializer() {
      super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output output, JobSpec job) {
      kryo.writeObjectOrNull(output, job.args(), byte[].class);
      output.writeString(job.callback());
      output.writeString(job.className());
      output.writeString(job.codeHash());
      output.writeVarLong(job.createdMillis(), false);
      output.writeVarLong(job.delayMillis(), false);
      kryo.writeClassAndObject(output, job.extra());
      output.writeString(job.id());
      kryo.writeObjectOrNull(output, job.limits(), JobLimits.class);
      output.writeString(job.name());
      output.writeInt(job.priority(), false);
    }

    @Override
    @SuppressWarnings("unchecked")
    public JobSpec read(Kryo kryo, Input input, Class<? extends JobSpec> type) {
      byte[] args = kryo.readObjectOrNull(input, byte[].class);
      String callback = input.readString();
      String className = input.readString();
      String codeHash = input.readString();
      long createdMillis = input.readVarLong(false);
      long delayMillis = input.readVarLong(false);
      Object extra = kryo.readClassAndObject(input);
      String id = input.readString();
      JobLimits limits = kryo.readObjectOrNull(input, JobLimits.class);
      String name = input.readString();
      int priority = input.readInt(false);
      try {
        return new JobSpec(id, name, className, codeHash, args, priority, delayMillis, callback,
            createdMillis, limits,
            (Map<String, String>) extra);
      } catch (RuntimeException e) {
        throw notConstructed(JobSpec.class, e);
      }
    }
  }

  /** Components by name: args, attempt, className, codeHash, epoch, id, name, timeLimitMillis. */
  private static final class LeasedJobSerializer extends Serializer<LeasedJob> {

    LeasedJobSerializer() {
      super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output output, LeasedJob job) {
      kryo.writeObjectOrNull(output, job.args(), byte[].class);
      output.writeInt(job.attempt(), false);
      output.writeString(job.className());
      output.writeString(job.codeHash());
      output.writeVarLong(job.epoch(), false);
      output.writeString(job.id());
      output.writeString(job.name());
      output.writeVarLong(job.timeLimitMillis(), false);
    }

    @Override
    public LeasedJob read(Kryo kryo, Input input, Class<? extends LeasedJob> type) {
      byte[] args = kryo.readObjectOrNull(input, byte[].class);
      int attempt = input.readInt(false);
      String className = input.readString();
      String codeHash = input.readString();
      long epoch = input.readVarLong(false);
      String id = input.readString();
      String name = input.readString();
      long timeLimitMillis = input.readVarLong(false);
      try {
        return new LeasedJob(id, epoch, attempt, name, className,
            codeHash, args, timeLimitMillis);
      } catch (RuntimeException e) {
        throw notConstructed(LeasedJob.class, e);
      }
    }
  }

  /**
   * Components by name: epoch, error, finishedMillis, id, node, result, startedMillis, worker.
   */
  private static final class JobOutcomeSerializer extends Serializer<JobOutcome> {

    JobOutcomeSerializer() {
      super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output output, JobOutcome outcome) {
      output.writeVarLong(outcome.epoch(), false);
      kryo.writeObjectOrNull(output, outcome.error(), ErrorInfo.class);
      output.writeVarLong(outcome.finishedMillis(), false);
      output.writeString(outcome.id());
      output.writeString(outcome.node());
      kryo.writeObjectOrNull(output, outcome.result(), byte[].class);
      output.writeVarLong(outcome.startedMillis(), false);
      output.writeString(outcome.worker());
    }

    @Override
    public JobOutcome read(Kryo kryo, Input input, Class<? extends JobOutcome> type) {
      long epoch = input.readVarLong(false);
      ErrorInfo error = kryo.readObjectOrNull(input, ErrorInfo.class);
      long finishedMillis = input.readVarLong(false);
      String id = input.readString();
      String node = input.readString();
      byte[] result = kryo.readObjectOrNull(input, byte[].class);
      long startedMillis = input.readVarLong(false);
      String worker = input.readString();
      try {
        return new JobOutcome(id, epoch, result, error,
            startedMillis, finishedMillis, node, worker);
      } catch (RuntimeException e) {
        throw notConstructed(JobOutcome.class, e);
      }
    }
  }

  /** Components by name: error, linenumber, name, stacktrace, statement, type. */
  private static final class ErrorInfoSerializer extends Serializer<ErrorInfo> {

    ErrorInfoSerializer() {
      super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output output, ErrorInfo error) {
      output.writeString(error.error());
      output.writeInt(error.linenumber(), false);
      output.writeString(error.name());
      output.writeString(error.stacktrace());
      output.writeString(error.statement());
      output.writeString(error.type());
    }

    @Override
    public ErrorInfo read(Kryo kryo, Input input, Class<? extends ErrorInfo> type) {
      String error = input.readString();
      int linenumber = input.readInt(false);
      String name = input.readString();
      String stacktrace = input.readString();
      String statement = input.readString();
      String errorType = input.readString();
      try {
        return new ErrorInfo(error, name, linenumber, statement, errorType, stacktrace);
      } catch (RuntimeException e) {
        throw notConstructed(ErrorInfo.class, e);
      }
    }
  }

  /** Components by name: attempts, outcome, spec. */
  private static final class JobResultSerializer extends Serializer<JobResult> {

    JobResultSerializer() {
      super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output output, JobResult result) {
      output.writeInt(result.attempts(), false);
      kryo.writeObjectOrNull(output, result.outcome(), JobOutcome.class);
      kryo.writeObjectOrNull(output, result.spec(), JobSpec.class);
    }

    @Override
    public JobResult read(Kryo kryo, Input input, Class<? extends JobResult> type) {
      int attempts = input.readInt(false);
      JobOutcome outcome = kryo.readObjectOrNull(input, JobOutcome.class);
      JobSpec spec = kryo.readObjectOrNull(input, JobSpec.class);
      try {
        return new JobResult(spec, outcome, attempts);
      } catch (RuntimeException e) {
        throw notConstructed(JobResult.class, e);
      }
    }
  }
}
