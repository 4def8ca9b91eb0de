package io.impetus.worker.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A JVM that loads one bundle through a {@link BundleCache}, as a worker JVM of a node does, for
 * {@link BundleCacheTest}. The test drives it over stdin and watches its stdout: it prints
 * {@code ready} and waits for a line; prints {@code loading} and asks the cache for the bundle;
 * a fetch appends a line to the fetch log, prints {@code fetching} and waits for a line before
 * answering with the bundle's bytes; at the end it prints {@code loaded <greeting.txt>}.
 *
 * <p>{@code java ...CachingProcess CACHE_DIR HASH BUNDLE_FILE FETCH_LOG}
 */
public final class CachingProcess {

  private CachingProcess() {}

  public static void main(String[] args) throws IOException {
    Path cache = Path.of(args[0]);
    String hash = args[1];
    Path bundle = Path.of(args[2]);
    Path fetchLog = Path.of(args[3]);
    BufferedReader stdin =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    BundleCache bundles = new BundleCache(cache, requested -> {
      try {
        Files.writeString(fetchLog, ProcessHandle.current().pid() + "\n",
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        say("fetching");
        stdin.readLine();
        return Files.readAllBytes(bundle);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, CachingProcess.class.getClassLoader());
    say("ready");
    stdin.readLine();
    say("loading");
    ClassLoader loader = bundles.loader(hash);
    try (InputStream greeting = loader.getResourceAsStream("greeting.txt")) {
      say("loaded " + new String(greeting.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
