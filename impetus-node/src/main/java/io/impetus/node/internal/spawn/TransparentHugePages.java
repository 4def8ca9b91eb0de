package io.impetus.node.internal.spawn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Whether the kernel lends transparent huge pages to a process that asks (Linux's {@code
 * madvise} or {@code always} mode), and the JVM option that asks. With it a worker's heap faults
 * in once per 2 MiB as it grows, not once per 4 KiB page, which on a virtual machine costs
 * microseconds a fault. Where the kernel offers none (another mode, another system, an unreadable
 * file) there is no option, since the JVM would print a warning for it.
 */
public final class TransparentHugePages {

  /** Linux's setting: the mode in force is the one in brackets. */
  private static final Path LINUX_SETTING = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");

  private static final Pattern OFFERED = Pattern.compile("\\[(always|madvise)]");

  private TransparentHugePages() {}

  /** {@code -XX:+UseTransparentHugePages} if this machine's kernel offers them, else nothing. */
  public static List<String> jvmOptions() {
    return jvmOptions(LINUX_SETTING);
  }

  /** {@code -XX:+UseTransparentHugePages} if the setting in {@code file} offers them. */
  static List<String> jvmOptions(Path file) {
    try {
      return OFFERED.matcher(Files.readString(file)).find()
          ? List.of("-XX:+UseTransparentHugePages")
          : List.of();
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }
}
