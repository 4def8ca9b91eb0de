package io.impetus.client.internal.stage;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Gives forks their job ids. A fork from a {@code @Startup} stage gets an id derived from the
 * client id, the stage, the fork's place among that stage's forks, the method, the callback and
 * the serialized argument, so that a resumed run whose startup forks the same jobs again gets the
 * same ids and can skip the jobs an earlier run already forked. Any other fork gets a random id.
 * Thread-safe.
 */
final class JobIds {

  private final String clientId;
  private final Map<String, AtomicLong> startupForks = new ConcurrentHashMap<>();

  JobIds(String clientId) {
    this.clientId = clientId;
  }

  /**
   * The id of the next job.
   *
   * @param startupStage the startup stage forking it, or null when it is not one
   */
  String next(@Nullable String startupStage, String method, String callback, byte[] argument) {
    if (startupStage == null) {
      return UUID.randomUUID().toString();
    }
    long place = startupForks.computeIfAbsent(startupStage, stage -> new AtomicLong())
        .getAndIncrement();
    ByteArrayOutputStream name = new ByteArrayOutputStream(argument.length + 64);
    for (String part : new String[] {clientId, startupStage, Long.toString(place), method,
        callback}) {
      name.writeBytes(part.getBytes(StandardCharsets.UTF_8));
      name.write(0);
    }
    name.writeBytes(argument);
    return UUID.nameUUIDFromBytes(name.toByteArray()).toString();
  }
}
