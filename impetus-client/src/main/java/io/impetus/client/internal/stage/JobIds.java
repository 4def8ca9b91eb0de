package io.impetus.client.internal.stage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * Gives forks their job ids. A fork from a {@code @Startup} stage gets an id derived from the
 * client id, the stage, the fork's place among that stage's forks, the method, the callback and
 * the serialized argument, so that a resumed run whose startup forks the same jobs again gets the
 * same ids and can skip the jobs an earlier run already forked. Any other fork gets a random id.
 * The id is a name-based UUID (MD5); an argument of more than {@value #DIGESTED} bytes enters it
 * as its length and two checksums (CRC-32C and CRC-32, 64 bits together), which the JVM computes
 * many times faster than MD5, so that large arguments do not slow forking down.
 * Thread-safe.
 */
final class JobIds {

  /** Arguments up to this size enter the id whole. */
  static final int DIGESTED = 1024;

  private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no MD5, which every Java platform has", e);
    }
  });

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
    MessageDigest md5 = MD5.get();
    md5.reset();
    for (String part : new String[] {clientId, startupStage, Long.toString(place), method,
        callback}) {
      md5.update(part.getBytes(StandardCharsets.UTF_8));
      md5.update((byte) 0);
    }
    if (argument.length <= DIGESTED) {
      md5.update(argument);
    } else {
      CRC32C crc32c = new CRC32C();
      crc32c.update(argument);
      CRC32 crc32 = new CRC32();
      crc32.update(argument);
      md5.update(ByteBuffer.allocate(16).putInt(argument.length).putInt((int) crc32c.getValue())
          .putLong(crc32.getValue()).array());
    }
    return nameUuid(md5.digest()).toString();
  }

  /** The version 3 (name-based, MD5) UUID of a digest, as {@link UUID#nameUUIDFromBytes}. */
  private static UUID nameUuid(byte[] md5) {
    md5[6] = (byte) ((md5[6] & 0x0f) | 0x30);
    md5[8] = (byte) ((md5[8] & 0x3f) | 0x80);
    ByteBuffer bytes = ByteBuffer.wrap(md5);
    return new UUID(bytes.getLong(), bytes.getLong());
  }
}
