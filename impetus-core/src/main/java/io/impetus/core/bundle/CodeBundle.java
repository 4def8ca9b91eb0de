package io.impetus.core.bundle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The user's code as a zip archive named by the SHA-256 of its bytes. Packing is deterministic
 * (entries sorted by name, fixed timestamps), so the same classes always give the same hash and
 * are uploaded and fetched once.
 *
 * <p>Immutable; {@link #bytes()} returns a copy.
 */
public final class CodeBundle {

  private static final LocalDateTime FIXED_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

  private final String hash;
  private final byte[] bytes;

  private CodeBundle(String hash, byte[] bytes) {
    this.hash = hash;
    this.bytes = bytes;
  }

  /** A bundle of these archive bytes, hashed. */
  public static CodeBundle of(byte[] bytes) {
    return new CodeBundle(sha256(bytes), bytes.clone());
  }

  /**
   * Packs every file of the code sources (class directories or jars) into one bundle. When two
   * sources hold the same entry, the first one's wins.
   *
   * @throws IOException when a code source cannot be read
   * @throws IllegalArgumentException when one is neither a directory nor a jar
   */
  public static CodeBundle pack(List<Path> codeSources) throws IOException {
    Map<String, byte[]> entries = new TreeMap<>();
    for (Path codeSource : codeSources) {
      Map<String, byte[]> read = new TreeMap<>();
      if (Files.isDirectory(codeSource)) {
        readDirectory(codeSource, read);
      } else if (Files.isRegularFile(codeSource)) {
        readJar(codeSource, read);
      } else {
        throw new IllegalArgumentException("code source " + codeSource + " does not exist");
      }
      read.forEach(entries::putIfAbsent);
    }
    return of(zip(entries));
  }

  private static void readDirectory(Path root, Map<String, byte[]> entries) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(Files::isRegularFile).forEach(files::add);
    }
    for (Path file : files) {
      String name = root.relativize(file).toString().replace(file.getFileSystem()
          .getSeparator(), "/");
      entries.put(name, Files.readAllBytes(file));
    }
  }

  private static void readJar(Path jar, Map<String, byte[]> entries) throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry entry : Collections.list(zip.entries())) {
        if (!entry.isDirectory()) {
          try (InputStream in = zip.getInputStream(entry)) {
            entries.put(entry.getName(), in.readAllBytes());
          }
        }
      }
    }
  }

  private static byte[] zip(Map<String, byte[]> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        ZipEntry zipEntry = new ZipEntry(entry.getKey());
        zipEntry.setTimeLocal(FIXED_TIME);
        zip.putNextEntry(zipEntry);
        zip.write(entry.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("zipping in memory failed", e);
    }
    return out.toByteArray();
  }

  /** The lower-case hex SHA-256 of {@code bytes}. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }

  /** The bundle's name: the SHA-256 of its bytes, lower-case hex. */
  public String hash() {
    return hash;
  }

  /** A copy of the archive bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The archive's size in bytes. */
  public int size() {
    return bytes.length;
  }
}
