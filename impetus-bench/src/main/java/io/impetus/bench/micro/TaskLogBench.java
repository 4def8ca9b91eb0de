package io.impetus.bench.micro;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.impetus.client.tasklog.LogLine;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The client's task log line, without the file: one operation writes the line of one finished
 * job's record ({@code base64(zlib(json))}) with a reused {@link LogLine.Encoder} into an output
 * that counts and drops the bytes. The record has the fields the client writes; its argument and
 * result are w1's numbers, or w3's 100 KiB of random bytes each (written as JSON base64).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = Fixtures.QUIET_LOGGING)
public class TaskLogBench {

  /** Bytes of the argument and of the result: 0 for w1's numbers, 102400 for w3's payloads. */
  @Param({"0", "102400"})
  public int payload;

  private final ObjectMapper mapper = new ObjectMapper();
  private final LogLine.Encoder encoder = new LogLine.Encoder();
  private final Counting output = new Counting();
  private ObjectNode record;

  /** Builds the record. */
  @Setup
  public void prepare() {
    record = mapper.createObjectNode();
    record.put("id", "8d0c2b52-4f8e-3c61-9a57-1b2e6f0d9c3a").put("name", "square")
        .put("status", "ready").put("created", "2026-12-04T03:34:31.470Z");
    if (payload == 0) {
      record.put("args", 4242).put("result", 17_994_564L);
    } else {
      record.put("args", bytes(1)).put("result", bytes(2));
    }
    record.put("delay", 0.0).put("priority", 0).put("callback", "collect")
        .put("client", "bench-w1-24764598677596").put("code", Fixtures.STREAM)
        .put("node", "bench").put("worker", "18183").put("attempts", 1)
        .put("started", "2026-12-04T03:34:32.557Z").put("finished", "2026-12-04T03:34:32.654Z");
  }

  /** Frees the compressor. */
  @TearDown
  public void close() {
    encoder.close();
  }

  /** Writes one line; returns the bytes written so far. */
  @Benchmark
  public long writeLine() throws IOException {
    encoder.write(record, output);
    return output.count;
  }

  private byte[] bytes(int seed) {
    byte[] bytes = new byte[payload];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  /** Counts what is written and keeps none of it. */
  private static final class Counting extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      count += length;
    }
  }
}
