package io.impetus.worker.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import io.impetus.client.DataStore;
import io.impetus.core.bundle.CodeBundle;
import io.impetus.core.job.JobOutcome;
import io.impetus.core.job.LeasedJob;
import io.impetus.core.payload.PayloadCodec;
import io.impetus.core.protocol.CompleteJobs;
import io.impetus.core.protocol.LeasedJobs;
import io.impetus.core.protocol.ProtocolKryo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Runs a warm worker's job path on itself before the worker gets a stream, so that a stream's
 * first job finds the framework's methods compiled rather than interpreted: a {@link WarmupJob}
 * is packed as a code bundle and loaded through a {@link BundleCache} of its own; each round
 * decodes a batch of leased jobs as the worker's connection does, runs each through a {@link
 * JobRunner} (argument decoding, invocation, result encoding, the job's context and
 * environment), writes the job lines to nowhere and encodes the outcomes as a completion.
 * Nothing leaves the process. Workers keep C2 off the framework's code, so what this buys is C1's
 * code and resolved classes, call sites and caches.
 *
 * <p>Called once, by the worker's main thread, before the worker takes any job.
 */
final class Warmup {

  /** Jobs per round, as a short-jobs lease brings them. */
  private static final int BATCH = 50;

  private Warmup() {}

  /**
   * Runs {@code rounds} rounds of {@value #BATCH} jobs, fewer when {@code enough} says so between
   * two rounds (the worker got its stream: its own jobs warm it up from there).
   *
   * @throws UncheckedIOException when the scratch directory cannot be written
   * @throws IllegalStateException when a warm-up job fails: the worker cannot run jobs either
   */
  static void run(int rounds, BooleanSupplier enough) {
    Path scratch;
    try {
      scratch = Files.createTempDirectory("impetus-warmup-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a warm-up directory: " + e.getMessage(), e);
    }
    try {
      warm(scratch, rounds, enough);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the warm-up bundle: " + e.getMessage(), e);
    } finally {
      deleteTree(scratch);
    }
  }

  private static void warm(Path scratch, int rounds, BooleanSupplier enough)
      throws IOException {
    byte[] jar = jarOf(WarmupJob.class);
    String hash = CodeBundle.of(jar).hash();
    Files.write(scratch.resolve(hash + ".jar"), jar);
    BundleCache bundles = new BundleCache(scratch, wanted -> jar,
        Warmup.class.getClassLoader());
    JobRunner runner = new JobRunner(bundles, "impetus-warmup", codec -> NO_STORE,
        Clock.systemUTC(), "warmup", "0");
    PayloadCodec codec = new PayloadCodec(Warmup.class.getClassLoader());
    Kryo kryo = ProtocolKryo.create();
    JobLines lines = new JobLines(new PrintStream(OutputStream.nullOutputStream()), "0",
        ZoneId.systemDefault());
    for (int round = 0; round < rounds && !enough.getAsBoolean(); round++) {
      List<LeasedJob> leased = new ArrayList<>(BATCH);
      for (int i = 0; i < BATCH; i++) {
        leased.add(new LeasedJob("warmup-" + round + "-" + i, i, 1, "square",
            WarmupJob.class.getName(), hash, codec.encode(i), 0));
      }
      LeasedJobs batch = (LeasedJobs) roundTrip(kryo, new LeasedJobs(round, leased));
      List<JobOutcome> outcomes = new ArrayList<>(BATCH);
      for (LeasedJob job : batch.jobs()) {
        lines.processing(job.id(), job.name(), System.currentTimeMillis());
        JobOutcome outcome = runner.run(job);
        if (!outcome.succeeded()) {
          throw new IllegalStateException("the warm-up job failed: "
              + outcome.error().error());
        }
        lines.completed(job.id(), job.name(), true, System.currentTimeMillis());
        outcomes.add(outcome);
      }
      roundTrip(kryo, new CompleteJobs(round, "impetus-warmup", outcomes));
    }
  }

  /** Encodes and decodes a message as a connection does. */
  private static Object roundTrip(Kryo kryo, Object message) {
    Output output = new Output(4096, -1);
    kryo.writeClassAndObject(output, message);
    return kryo.readClassAndObject(ProtocolKryo.reader(output.toBytes()));
  }

  /** A jar holding one class file. */
  private static byte[] jarOf(Class<?> type) {
    String entry = type.getName().replace('.', '/') + ".class";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (InputStream in = type.getClassLoader().getResourceAsStream(entry);
        JarOutputStream jar = new JarOutputStream(bytes)) {
      if (in == null) {
        throw new IllegalStateException("cannot find the class file " + entry);
      }
      jar.putNextEntry(new JarEntry(entry));
      in.transferTo(jar);
      jar.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot pack the warm-up job: " + e.getMessage(), e);
    }
    return bytes.toByteArray();
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException | UncheckedIOException e) {
      // a stray scratch directory in the temporary directory harms nothing
    }
  }

  /** The warm-up job has no data store: it never asks for one. */
  private static final DataStore NO_STORE = new DataStore() {
    @Override
    public void put(String key, @Nullable Object value) {
      throw new UnsupportedOperationException("no data store during the warm-up");
    }

    @Override
    public @Nullable Object get(String key) {
      throw new UnsupportedOperationException("no data store during the warm-up");
    }

    @Override
    public <T> @Nullable T get(String key, Class<T> type) {
      throw new UnsupportedOperationException("no data store during the warm-up");
    }

    @Override
    public boolean remove(String key) {
      throw new UnsupportedOperationException("no data store during the warm-up");
    }
  };
}
