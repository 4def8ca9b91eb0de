package io.impetus.core.worker;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * Which job a worker runs, told to its node through a small file both map into memory: the
 * worker writes it as each job starts and when it goes idle, without a system call; the node
 * reads it when its watchdog looks for overdue jobs and when the worker has ended. The file's
 * pages outlive the worker's process, so a worker that is killed or crashes mid-job still says
 * which job it was running.
 *
 * <p>Layout (native byte order): a sequence number, odd while the worker writes (a sequence
 * lock: the node reads until it sees the same even number before and after); the number of jobs
 * started; when the running job started ({@link System#nanoTime}, one clock for all processes of
 * a Linux machine); its time limit in milliseconds; the length of its id, 0 when idle; the id in
 * UTF-8. One writer (the worker's job thread), one reader (the node); each side is thread-safe
 * for its own use.
 */
public final class JobSlot {

  /** The size of the file. */
  public static final int SIZE = 4096;
  /** The longest job id a slot holds, in UTF-8 bytes; a longer one is cut short. */
  public static final int MAX_ID_BYTES = SIZE - 32;

  private static final int SEQUENCE = 0;
  private static final int STARTED = 4;
  private static final int SINCE = 8;
  private static final int LIMIT = 16;
  private static final int ID_LENGTH = 24;
  private static final int ID = 32;
  private static final VarHandle INT =
      MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
  /** Reads that find the worker writing are tried again this often before giving up. */
  private static final int READ_TRIES = 1000;

  private final ByteBuffer memory;

  private JobSlot(ByteBuffer memory) {
    this.memory = memory.order(ByteOrder.nativeOrder());
  }

  /**
   * Maps the slot file {@code file} (creating it when missing, at {@link #SIZE} bytes),
   * writable for a worker, read-only for a node.
   *
   * @throws IOException when the file cannot be created or mapped
   */
  public static JobSlot map(Path file, boolean writable) throws IOException {
    StandardOpenOption[] options = writable
        ? new StandardOpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE}
        : new StandardOpenOption[] {StandardOpenOption.READ};
    try (FileChannel channel = FileChannel.open(file, options)) {
      if (channel.size() < SIZE && !writable) {
        throw new IOException(file + " is not a job slot: " + channel.size() + " bytes");
      }
      return new JobSlot(channel.map(writable ? FileChannel.MapMode.READ_WRITE
          : FileChannel.MapMode.READ_ONLY, 0, SIZE));
    }
  }

  /** Worker side: job {@code jobId} starts now, and may run {@code timeLimitMillis} (0: ever). */
  public void started(String jobId, long timeLimitMillis) {
    byte[] id = jobId.getBytes(StandardCharsets.UTF_8);
    int length = Math.min(id.length, MAX_ID_BYTES);
    int sequence = begin();
    memory.putInt(STARTED, memory.getInt(STARTED) + 1);
    memory.putLong(SINCE, System.nanoTime());
    memory.putLong(LIMIT, timeLimitMillis);
    memory.put(ID, id, 0, length);
    memory.putInt(ID_LENGTH, length);
    INT.setRelease(memory, SEQUENCE, sequence + 2);
  }

  /** Worker side: no job runs. */
  public void idle() {
    int sequence = begin();
    memory.putInt(ID_LENGTH, 0);
    INT.setRelease(memory, SEQUENCE, sequence + 2);
  }

  private int begin() {
    int sequence = (int) INT.getAcquire(memory, SEQUENCE);
    INT.setRelease(memory, SEQUENCE, sequence + 1);
    VarHandle.storeStoreFence();
    return sequence;
  }

  /**
   * Node side: what the worker wrote last. A worker that died in the middle of writing had
   * finished its previous job and not yet started the next: it reads as idle.
   */
  public View read() {
    for (int tries = 0; tries < READ_TRIES; tries++) {
      int before = (int) INT.getAcquire(memory, SEQUENCE);
      if ((before & 1) != 0) {
        Thread.onSpinWait();
        continue;
      }
      int started = memory.getInt(STARTED);
      long since = memory.getLong(SINCE);
      long limit = memory.getLong(LIMIT);
      int length = Math.max(0, Math.min(MAX_ID_BYTES, memory.getInt(ID_LENGTH)));
      byte[] id = new byte[length];
      memory.get(ID, id, 0, length);
      VarHandle.loadLoadFence();
      if ((int) INT.getAcquire(memory, SEQUENCE) == before) {
        return new View(started, length == 0 ? null
            : new Running(new String(id, StandardCharsets.UTF_8), since, limit));
      }
    }
    return new View(memory.getInt(STARTED), null);
  }

  /**
   * What a slot says.
   *
   * @param started how many jobs the worker has started
   * @param running the job it runs, or null when idle
   */
  public record View(int started, @Nullable Running running) {}

  /**
   * A job a worker runs.
   *
   * @param jobId the job's id
   * @param startedNanos when it started ({@link System#nanoTime})
   * @param timeLimitMillis how long it may run, 0 for no limit
   */
  public record Running(String jobId, long startedNanos, long timeLimitMillis) {

    /** Whether the job has run past its time limit at {@code nowNanos}. */
    public boolean overdue(long nowNanos) {
      return timeLimitMillis > 0 && nowNanos - startedNanos > timeLimitMillis * 1_000_000;
    }
  }
}
