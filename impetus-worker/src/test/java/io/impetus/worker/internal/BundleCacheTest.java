package io.impetus.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.impetus.core.bundle.CodeBundle;
import io.impetus.core.net.ConnectionClosedException;
import io.impetus.core.net.PeerException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleCacheTest {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final int LOADERS = 4;

  @TempDir Path temp;

  private Path cache;
  private CodeBundle bundle;
  private final AtomicInteger fetches = new AtomicInteger();

  @BeforeEach
  void packBundle() throws IOException {
    Path classes = Files.createDirectories(temp.resolve("classes"));
    Files.writeString(classes.resolve("greeting.txt"), "hello");
    bundle = CodeBundle.pack(List.of(classes));
    cache = temp.resolve("cache");
  }

  @Test
  void bundleIsFetchedOnceAndLoadedFromDisk() throws IOException {
    ClassLoader loader = cache(this::serve).loader(bundle.hash());

    assertThat(greeting(loader)).isEqualTo("hello");
    assertThat(cache.resolve(bundle.hash() + ".jar")).hasBinaryContent(bundle.bytes());
    assertThat(greeting(cache(this::serve).loader(bundle.hash())))
        .as("another worker of the node").isEqualTo("hello");
    assertThat(fetches).hasValue(1);
  }

  /**
   * Several caches on one directory stand for the workers of one node. The first fetch is held
   * until every other loader is parked (or has failed), so they all overlap it.
   */
  @Test
  void concurrentLoadersFetchOnce() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<Thread> fetcher = new AtomicReference<>();
    Function<String, byte[]> heldFetch = hash -> {
      fetcher.compareAndSet(null, Thread.currentThread());
      fetches.incrementAndGet();
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return bundle.bytes();
    };
    AtomicInteger entered = new AtomicInteger();
    List<String> greetings = new CopyOnWriteArrayList<>();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    List<Thread> loaders = new ArrayList<>();
    for (int i = 0; i < LOADERS; i++) {
      BundleCache shared = cache(heldFetch);
      loaders.add(new Thread(() -> {
        entered.incrementAndGet();
        try {
          greetings.add(greeting(shared.loader(bundle.hash())));
        } catch (RuntimeException | IOException e) {
          failures.add(e);
        }
      }, "loader-" + i));
    }
    loaders.forEach(Thread::start);

    await().atMost(PATIENCE).until(() -> entered.get() == LOADERS && fetcher.get() != null
        && loaders.stream().filter(loader -> loader != fetcher.get())
            .allMatch(loader -> loader.getState() == Thread.State.WAITING
                || loader.getState() == Thread.State.TERMINATED));
    assertThat(failures).isEmpty();
    assertThat(fetches).as("fetches while the first one is held").hasValue(1);
    release.countDown();
    for (Thread loader : loaders) {
      loader.join(PATIENCE.toMillis());
    }

    assertThat(failures).isEmpty();
    assertThat(greetings).hasSize(LOADERS).containsOnly("hello");
    assertThat(fetches).hasValue(1);
  }

  /**
   * Worker JVMs that start at once: each asks for the bundle while the first fetch is held, and
   * the file lock makes the others wait for it instead of fetching themselves.
   */
  @Test
  void workerJvmsStartingAtOnceFetchOnce() throws IOException, InterruptedException {
    Path source = Files.write(temp.resolve("bundle.jar"), bundle.bytes());
    Path fetchLog = temp.resolve("fetches.log");
    List<Process> processes = new ArrayList<>();
    List<List<String>> outputs = new ArrayList<>();
    try {
      for (int i = 0; i < LOADERS; i++) {
        Process process = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), CachingProcess.class.getName(),
            cache.toString(), bundle.hash(), source.toString(), fetchLog.toString())
            .redirectError(temp.resolve("process-" + i + ".err").toFile())
            .start();
        processes.add(process);
        outputs.add(collect(process));
      }
      await().atMost(PATIENCE).until(() -> outputs.stream().allMatch(o -> o.contains("ready")));
      processes.forEach(process -> tell(process, "go"));
      await().atMost(PATIENCE).until(() -> outputs.stream().allMatch(o -> o.contains("loading"))
          && outputs.stream().anyMatch(o -> o.contains("fetching")));
      processes.forEach(process -> tell(process, "release"));
      for (Process process : processes) {
        assertThat(process.waitFor(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(process.exitValue()).as("exit code").isZero();
      }
    } finally {
      processes.forEach(Process::destroyForcibly);
    }

    assertThat(outputs).allSatisfy(output -> assertThat(output).contains("loaded hello"));
    assertThat(Files.readAllLines(fetchLog)).as("processes that fetched").hasSize(1);
    assertThat(cache.resolve(bundle.hash() + ".jar")).hasBinaryContent(bundle.bytes());
  }

  @Test
  void corruptCachedFileIsFetchedAgain() throws IOException {
    Files.createDirectories(cache);
    Path file = cache.resolve(bundle.hash() + ".jar");
    Files.writeString(file, "not the bundle");

    ClassLoader loader = cache(this::serve).loader(bundle.hash());

    assertThat(fetches).hasValue(1);
    assertThat(file).hasBinaryContent(bundle.bytes());
    assertThat(greeting(loader)).isEqualTo("hello");
  }

  @Test
  void fetchedBytesThatDoNotMatchTheHashAreAnErrorNamingTheHash() throws IOException {
    byte[] other = "something else".getBytes(StandardCharsets.UTF_8);
    BundleCache cache = cache(hash -> other);

    assertThatThrownBy(() -> cache.loader(bundle.hash()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("code bundle " + bundle.hash() + " sent by the queue is corrupt: its "
            + other.length + " bytes hash to " + CodeBundle.sha256(other));
    try (Stream<Path> files = Files.list(this.cache)) {
      assertThat(files.map(path -> path.getFileName().toString()))
          .as("nothing cached, no leftovers").containsExactly(bundle.hash() + ".lock");
    }
  }

  @Test
  void bundleTheQueueDoesNotHoldIsAClearError() {
    String queueSays = "the queue holds no code bundle " + bundle.hash();
    BundleCache cache = cache(hash -> {
      fetches.incrementAndGet();
      throw new CompletionException(new PeerException(queueSays));
    });

    assertThatThrownBy(() -> cache.loader(bundle.hash()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("code bundle " + bundle.hash() + " is not in the queue: "
            + queueSays)
        .hasMessageContaining("run the client that forked this job again");
    assertThatThrownBy(() -> cache.loader(bundle.hash()))
        .as("a failed fetch is not remembered").isInstanceOf(IllegalStateException.class);
    assertThat(fetches).hasValue(2);
    assertThat(this.cache.resolve(bundle.hash() + ".jar")).doesNotExist();
  }

  @Test
  void lostConnectionIsNotMistakenForAMissingBundle() {
    BundleCache cache = cache(hash -> {
      throw new CompletionException(new ConnectionClosedException("the connection closed"));
    });

    assertThatThrownBy(() -> cache.loader(bundle.hash()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("cannot fetch code bundle " + bundle.hash() + " from the queue: ")
        .hasMessageContaining("the connection closed");
  }

  @Test
  void malformedHashIsRefusedWithoutFetching() {
    assertThatThrownBy(() -> cache(this::serve).loader("../../etc/passwd"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("'../../etc/passwd' is not a code bundle hash (64 lower-case hex digits)");
    assertThat(fetches).hasValue(0);
  }

  private BundleCache cache(Function<String, byte[]> fetch) {
    return new BundleCache(cache, fetch, BundleCacheTest.class.getClassLoader());
  }

  private byte[] serve(String hash) {
    fetches.incrementAndGet();
    assertThat(hash).isEqualTo(bundle.hash());
    return bundle.bytes();
  }

  private static String greeting(ClassLoader loader) throws IOException {
    try (InputStream in = loader.getResourceAsStream("greeting.txt")) {
      assertThat(in).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The lines {@code process} prints, as they come. */
  private static List<String> collect(Process process) {
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          lines.add(line);
        }
      } catch (IOException e) {
        // the process is gone: its lines so far are all there is
      }
    }, "stdout-" + process.pid());
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  private static void tell(Process process, String line) {
    try {
      Writer stdin = process.outputWriter(StandardCharsets.UTF_8);
      stdin.write(line + "\n");
      stdin.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
