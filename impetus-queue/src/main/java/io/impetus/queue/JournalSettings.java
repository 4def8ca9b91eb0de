package io.impetus.queue;

import java.time.Duration;

/**
 * How a file journal writes.
 *
 * @param fsync when writes are forced to disk
 * @param fsyncInterval how often they are forced in {@link FsyncMode#INTERVAL} mode
 * @param segmentBytes a segment is closed and a new one started once it holds this much
 * @param compactBytes a snapshot is taken once the segments written since the last one hold this
 *     much (and at least as much as that snapshot)
 */
public record JournalSettings(FsyncMode fsync, Duration fsyncInterval, long segmentBytes,
    long compactBytes) {

  /** The defaults: {@code always}, 1 s interval, 64 MiB segments, compaction after 256 MiB. */
  public static JournalSettings defaults() {
    return new JournalSettings(FsyncMode.ALWAYS, Duration.ofSeconds(1), 64L << 20, 256L << 20);
  }

  /** Checks the values. */
  public JournalSettings {
    if (fsyncInterval.isNegative() || fsyncInterval.isZero()) {
      throw new IllegalArgumentException("the fsync interval must be positive: " + fsyncInterval);
    }
    if (segmentBytes < 4096 || compactBytes < segmentBytes) {
      throw new IllegalArgumentException("segments must hold at least 4096 bytes and compaction"
          + " start at a segment's size or more: " + segmentBytes + ", " + compactBytes);
    }
  }

  /** The same settings with another fsync interval. */
  public JournalSettings withFsyncInterval(Duration interval) {
    return new JournalSettings(fsync, interval, segmentBytes, compactBytes);
  }

  /** The same settings with other segment and compaction sizes. */
  public JournalSettings withSizes(long segment, long compact) {
    return new JournalSettings(fsync, fsyncInterval, segment, compact);
  }

  /** The same settings with another fsync mode. */
  public JournalSettings withFsync(FsyncMode mode) {
    return new JournalSettings(mode, fsyncInterval, segmentBytes, compactBytes);
  }
}
