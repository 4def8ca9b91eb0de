package io.impetus.client.internal.job;

import java.time.Instant;

/**
 * {@link Instant#toString()} of a time in epoch milliseconds, without its formatter's cost for
 * times in the same second as the last one: the date and time up to the second are kept, and only
 * the milliseconds are appended. The output is exactly {@code Instant.ofEpochMilli(millis)
 * .toString()}.
 *
 * <p>Thread-safe: the kept second is one immutable pair, replaced whole.
 */
final class IsoTimestamps {

  private static volatile Second last = new Second(Long.MIN_VALUE, "");

  private IsoTimestamps() {}

  /** {@code Instant.ofEpochMilli(millis).toString()}. */
  static String of(long millis) {
    long second = Math.floorDiv(millis, 1000);
    int milli = (int) Math.floorMod(millis, 1000);
    Second kept = last;
    if (kept.second != second) {
      String whole = Instant.ofEpochSecond(second).toString();
      if (whole.length() < 2 || !whole.endsWith("Z")) {
        return Instant.ofEpochMilli(millis).toString();
      }
      kept = new Second(second, whole.substring(0, whole.length() - 1));
      last = kept;
    }
    if (milli == 0) {
      return kept.prefix + 'Z';
    }
    char[] digits = {'.', (char) ('0' + milli / 100), (char) ('0' + milli / 10 % 10),
        (char) ('0' + milli % 10), 'Z'};
    return kept.prefix.concat(new String(digits));
  }

  /** A second since the epoch and its ISO form without the zone. */
  private record Second(long second, String prefix) {}
}
