package io.impetus.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The operating system's {@link ProcessTable}. On Linux it reads {@code /proc/<pid>/cmdline},
 * which is empty for a zombie and readable for other users' processes too; elsewhere it asks
 * {@link ProcessHandle}. Stateless and thread-safe.
 */
final class SystemProcessTable implements ProcessTable {

  static final SystemProcessTable INSTANCE = new SystemProcessTable();

  private static final Path PROC = Path.of("/proc");

  private SystemProcessTable() {}

  @Override
  public Optional<String> commandLine(long pid) {
    if (pid <= 0) {
      return Optional.empty();
    }
    if (Files.isDirectory(PROC.resolve("self"))) {
      try {
        byte[] raw = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("cmdline"));
        String words = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
        return words.isEmpty() ? Optional.empty() : Optional.of(words);
      } catch (NoSuchFileException e) {
        return Optional.empty();
      } catch (IOException e) {
        // Fall through to ProcessHandle, which may still know.
      }
    }
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
        .flatMap(process -> process.info().commandLine());
  }

  @Override
  public boolean terminate(long pid) {
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::destroy)
        .orElse(false);
  }
}
