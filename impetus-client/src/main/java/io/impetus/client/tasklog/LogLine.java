package io.impetus.client.tasklog;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import org.jspecify.annotations.Nullable;

/**
 * One task-log line: {@code base64(zlib(json))}, exactly as the original, so that {@code
 * base64 --decode | zlib-flate -uncompress} prints the JSON. The static methods are stateless
 * and thread-safe.
 */
public final class LogLine {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Base64.Encoder BASE64 = Base64.getEncoder();

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
   * Writes records as lines; keeps its compressor and buffers from one record to the next, so
   * that a line costs no native allocation, and never flushes the output (its owner flushes once
   * per batch). A record whose JSON fits in {@value #ONE_SHOT_BYTES} bytes is written into a
   * buffer and compressed in one call at zlib level 1. A larger one streams from JSON through
   * zlib and base64 into the output, so that it allocates no large array: when the first
   * {@value Encoder#SAMPLE_BYTES} bytes of its JSON shrank by less than a third (a large payload
   * in base64, typically, which level 1 squeezes at some 50 MB/s for a quarter at most), the rest
   * goes in stored blocks, still zlib, at memory speed. Any zlib reader decodes all of them the
   * same. Not thread-safe; close it to free the compressor.
   */
  public static final class Encoder implements AutoCloseable {

    /** How many bytes of a record's JSON are compressed before deciding whether to go on. */
    public static final int SAMPLE_BYTES = 4096;
    /** The largest JSON compressed in one call; a larger record streams. */
    public static final int ONE_SHOT_BYTES = SAMPLE_BYTES;

    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    private final Base64Blocks base64Blocks = new Base64Blocks();
    private final JsonBuffer json = new JsonBuffer();
    private byte[] compressed = new byte[1024];

    /** Writes the line of {@code record}, with its newline, to {@code out}. */
    public void write(JsonNode record, OutputStream out) throws IOException {
      json.start(out);
      try (JsonGenerator generator = new JdkBase64(MAPPER.createGenerator(json))) {
        MAPPER.writeTree(generator, record);
      }
      if (json.streamed()) {
        json.finishStream();
      } else {
        ByteBuffer line = BASE64.encode(compress(json.bytes(), json.size()));
        out.write(line.array(), 0, line.limit());
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

    /** zlib of {@code length} bytes of {@code input}, at level 1, in a new array. */
    private ByteBuffer compress(byte[] input, int length) {
      deflater.reset();
      deflater.setLevel(Deflater.BEST_SPEED);
      deflater.setInput(input, 0, length);
      deflater.finish();
      int size = 0;
      while (!deflater.finished()) {
        if (size == compressed.length) {
          compressed = Arrays.copyOf(compressed, 2 * compressed.length);
        }
        size += deflater.deflate(compressed, size, compressed.length - size);
      }
      return ByteBuffer.wrap(compressed, 0, size);
    }

    /**
     * Where the JSON of a record goes: a buffer while it fits in {@link #ONE_SHOT_BYTES}, then
     * a stream through zlib and base64 into the line's output.
     */
    private final class JsonBuffer extends ByteArrayOutputStream {

      private @Nullable OutputStream line;
      private @Nullable OutputStream stream;

      JsonBuffer() {
        super(1024);
      }

      void start(OutputStream line) {
        this.line = line;
        this.stream = null;
        reset();
      }

      boolean streamed() {
        return stream != null;
      }

      byte[] bytes() {
        return buf;
      }

      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] bytes, int offset, int length) {
        try {
          if (stream == null && count + length > ONE_SHOT_BYTES) {
            stream = openStream();
            stream.write(buf, 0, count);
            reset();
          }
          if (stream != null) {
            stream.write(bytes, offset, length);
          } else {
            super.write(bytes, offset, length);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public void close() {
        // Jackson closes its target; the record's end is finishStream's or write's business
      }

      private OutputStream openStream() {
        deflater.reset();
        deflater.setLevel(Deflater.BEST_SPEED);
        OutputStream base64 = base64Blocks.start(Objects.requireNonNull(line));
        return new StoreAfter(new DeflaterOutputStream(base64, deflater, BUFFER, true), deflater);
      }

      void finishStream() throws IOException {
        OutputStream finishing = stream;
        stream = null;
        if (finishing != null) {
          finishing.close();
        }
      }
    }
  }

  private static final int BUFFER = 8192;

  /**
   * Writes binary values (a {@code byte[]} argument or result) as Jackson's default base64 does,
   * the standard alphabet with padding and no line breaks, but with the JDK's encoder, which the
   * JVM compiles to vector instructions on common processors; anything else passes through.
   */
  private static final class JdkBase64 extends JsonGeneratorDelegate {

    JdkBase64(JsonGenerator generator) {
      super(generator, false);
    }

    @Override
    public void writeBinary(Base64Variant variant, byte[] data, int offset, int length)
        throws IOException {
      if (variant != Base64Variants.MIME_NO_LINEFEEDS) {
        super.writeBinary(variant, data, offset, length);
        return;
      }
      byte[] bytes = offset == 0 && length == data.length
          ? data
          : Arrays.copyOfRange(data, offset, offset + length);
      byte[] encoded = BASE64.encode(bytes);
      delegate.writeRawUTF8String(encoded, 0, encoded.length);
    }
  }

  /**
   * Base64 of what passes, into a line's output, which it never flushes nor closes: whole blocks
   * of {@value #BLOCK} bytes are encoded in one call of the JDK's encoder (which the JVM
   * compiles to vector instructions on common processors, unlike the encoder's stream), the rest
   * with its padding on {@link #close}. Flushing does nothing, since a base64 group cannot end
   * before the line does. Reused from line to line through {@link #start}.
   */
  static final class Base64Blocks extends OutputStream {

    /** Bytes encoded in one call; a multiple of 3, so that a block needs no padding. */
    static final int BLOCK = 3 * 4096;

    private final byte[] block = new byte[BLOCK];
    private final byte[] encoded = new byte[BLOCK / 3 * 4];
    private @Nullable OutputStream line;
    private int count;

    /** Starts a line's base64, written to {@code output}. */
    Base64Blocks start(OutputStream output) {
      this.line = output;
      this.count = 0;
      return this;
    }

    @Override
    public void write(int b) throws IOException {
      block[count++] = (byte) b;
      if (count == BLOCK) {
        writeBlock();
      }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      Objects.checkFromIndexSize(offset, length, bytes.length);
      int from = offset;
      int left = length;
      while (left > 0) {
        int taken = Math.min(left, BLOCK - count);
        System.arraycopy(bytes, from, block, count, taken);
        count += taken;
        from += taken;
        left -= taken;
        if (count == BLOCK) {
          writeBlock();
        }
      }
    }

    @Override
    public void flush() {
      // the line's owner flushes once per batch
    }

    /** Writes the rest, padded; the line's output stays open for the next record. */
    @Override
    public void close() throws IOException {
      if (count > 0) {
        Objects.requireNonNull(line).write(BASE64.encode(Arrays.copyOf(block, count)));
        count = 0;
      }
      line = null;
    }

    private void writeBlock() throws IOException {
      int length = BASE64.encode(block, encoded);
      Objects.requireNonNull(line).write(encoded, 0, length);
      count = 0;
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
      if (!decided && written + length > Encoder.SAMPLE_BYTES) {
        int sample = (int) (Encoder.SAMPLE_BYTES - written);
        write(bytes, offset, sample);
        write(bytes, offset + sample, length - sample);
        return;
      }
      out.write(bytes, offset, length);
      written += length;
      if (!decided && written >= Encoder.SAMPLE_BYTES) {
        decided = true;
        out.flush();
        if (3 * deflater.getBytesWritten() > 2 * deflater.getBytesRead()) {
          deflater.setLevel(Deflater.NO_COMPRESSION);
          // with no input pending the new level takes effect now; zlib would otherwise
          // compress all the input of the next write at the old level before switching
          out.flush();
        }
      }
    }
  }
}
