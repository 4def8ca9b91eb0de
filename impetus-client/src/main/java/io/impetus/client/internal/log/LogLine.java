package io.impetus.client.internal.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
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
   * Encodes records into lines, keeping its compressor and buffers from one record to the next,
   * so that a line costs no native allocation. Compresses for speed (zlib level 1): any zlib
   * reader decodes it the same. Not thread-safe; close it to free the compressor.
   */
  public static final class Encoder implements AutoCloseable {

    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    private byte[] compressed = new byte[4096];

    /** The line of {@code record}, as ASCII bytes, without the newline. */
    public byte[] encode(JsonNode record) {
      byte[] json;
      try {
        json = MAPPER.writeValueAsBytes(record);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write a job record as JSON", e);
      }
      deflater.reset();
      deflater.setInput(json);
      deflater.finish();
      int length = 0;
      while (!deflater.finished()) {
        if (length == compressed.length) {
          compressed = Arrays.copyOf(compressed, compressed.length * 2);
        }
        length += deflater.deflate(compressed, length, compressed.length - length);
      }
      return Base64.getEncoder().encode(Arrays.copyOf(compressed, length));
    }

    @Override
    public void close() {
      deflater.end();
    }
  }
}
