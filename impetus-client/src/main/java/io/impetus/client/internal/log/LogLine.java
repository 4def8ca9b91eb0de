package io.impetus.client.internal.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;

/**
 * One task-log line: {@code base64(zlib(json))}, exactly as the original, so that {@code
 * base64 --decode | zlib-flate -uncompress} prints the JSON. The static methods are stateless
 * and thread-safe.
 */
public final class LogLine {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private LogLine() {}

  /** Encodes a JSON record as a line (without the newline). */
  public static String encode(JsonNode record) {
    return new String(new Encoder().encode(record), StandardCharsets.US_ASCII);
  }

  /**
   * Decodes a line into its JSON record.
   *
   * @throws IllegalArgumentException when the line is not base64, zlib or JSON
   */
  public static JsonNode decode(String line) {
    byte[] compressed;
    try {
      compressed = Base64.getDecoder().decode(line.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not base64: " + e.getMessage(), e);
    }
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(compressed);
      ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.length * 3);
      byte[] buffer = new byte[4096];
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new IllegalArgumentException("truncated zlib data");
        }
        out.write(buffer, 0, n);
      }
      return MAPPER.readTree(new String(out.toByteArray(), StandardCharsets.UTF_8));
    } catch (DataFormatException e) {
      throw new IllegalArgumentException("not zlib data: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    } finally {
      inflater.end();
    }
  }

  /**
   * Writes records as lines, streaming each from JSON through zlib and base64 into the output,
   * so that a large record allocates no large array; keeps its compressor from one record to the
   * next, so that a line costs no native allocation. Compresses for speed: zlib level 1; when the
   * first {@value Encoder#SAMPLE_BYTES} bytes of a record's JSON shrank by less than a third
   * (a large payload in base64, typically, which level 1 squeezes at some 50 MB/s for a quarter
   * at most), the rest goes in stored blocks, still zlib, at memory speed. Any zlib reader
   * decodes both the same. Not thread-safe; close it to free the compressor.
   */
  public static final class Encoder implements AutoCloseable {

    /** How many bytes of a record's JSON are compressed before deciding whether to go on. */
    public static final int SAMPLE_BYTES = 4096;

    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);

    /** Writes the line of {@code record}, with its newline, to {@code out}. */
    public void write(JsonNode record, OutputStream out) throws IOException {
      deflater.reset();
      deflater.setLevel(Deflater.BEST_SPEED);
      OutputStream base64 = Base64.getEncoder().wrap(new KeepOpen(out));
      try (DeflaterOutputStream zlib = new DeflaterOutputStream(base64, deflater, BUFFER, true);
          OutputStream json = new StoreAfter(zlib, deflater)) {
        MAPPER.writeValue(json, record);
      }
      out.write('\n');
    }

    /** The line of {@code record}, as ASCII bytes, without the newline. */
    public byte[] encode(JsonNode record) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      try {
        write(record, line);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write a job record as JSON", e);
      }
      return Arrays.copyOf(line.toByteArray(), line.size() - 1);
    }

    @Override
    public void close() {
      deflater.end();
    }
  }

  private static final int BUFFER = 8192;

  /** Passes everything on, except that closing it only flushes. */
  private static final class KeepOpen extends FilterOutputStream {

    KeepOpen(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      out.write(bytes, offset, length);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }

  /**
   * Counts what passes into the compressor and, once a sample has passed, flushes it out of the
   * compressor (a sync flush) to see how well it compressed, and stops compressing if poorly.
   */
  private static final class StoreAfter extends FilterOutputStream {

    private final Deflater deflater;
    private long written;
    private boolean decided;

    StoreAfter(OutputStream out, Deflater deflater) {
      super(out);
      this.deflater = deflater;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      out.write(bytes, offset, length);
      written += length;
      if (!decided && written >= Encoder.SAMPLE_BYTES) {
        decided = true;
        out.flush();
        if (3 * deflater.getBytesWritten() > 2 * deflater.getBytesRead()) {
          deflater.setLevel(Deflater.NO_COMPRESSION);
        }
      }
    }
  }
}
