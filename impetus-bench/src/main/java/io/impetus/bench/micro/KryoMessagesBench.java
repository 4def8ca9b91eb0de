package io.impetus.bench.micro;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import io.impetus.core.protocol.Message;
import io.impetus.core.protocol.ProtocolKryo;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Kryo alone, without Netty: writes and reads the job path's main messages with a {@link
 * ProtocolKryo} Kryo exactly as {@code KryoMessageCodec} does (class and object, an output buffer
 * reused between messages, reading through {@link ProtocolKryo#reader}). One operation is one
 * message of {@code jobs} jobs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = Fixtures.QUIET_LOGGING)
public class KryoMessagesBench {

  /** The message type. */
  @Param({"SubmitJobs", "LeasedJobs", "CompleteJobs", "JobResults"})
  public String message;

  /** The jobs (or outcomes, or results) in the message. */
  @Param({"1", "1000"})
  public int jobs;

  private final Kryo kryo = ProtocolKryo.create();
  private final Output output = new Output(256, -1);
  private Message value;
  private byte[] bytes;

  /** Builds the message and its serialized form. */
  @Setup
  public void prepare() {
    value = Fixtures.message(message, jobs);
    output.reset();
    kryo.writeClassAndObject(output, value);
    bytes = Arrays.copyOf(output.getBuffer(), output.position());
  }

  /** Serializes the message into the reused buffer; returns the encoded length. */
  @Benchmark
  public int serialize() {
    output.reset();
    kryo.writeClassAndObject(output, value);
    return output.position();
  }

  /** Deserializes the message from its bytes, bounded as for an untrusted peer. */
  @Benchmark
  public Object deserialize() {
    return kryo.readClassAndObject(ProtocolKryo.reader(bytes));
  }
}
