package io.impetus.daemon;

/**
 * Points Logback at the daemons' configuration (INFO and below to standard output, warnings and
 * errors to standard error) unless the user chose one with {@code -Dlogback.configurationFile}.
 * Must be called before the first logger is created.
 */
public final class DaemonLogging {

  private static final String PROPERTY = "logback.configurationFile";

  private DaemonLogging() {}

  /** Selects the daemon logging configuration if none was chosen. */
  public static void install() {
    install("io/impetus/daemon/logback.xml");
  }

  /** Selects the logging configuration at the classpath resource {@code resource}, if none was. */
  public static void install(String resource) {
    if (System.getProperty(PROPERTY) == null) {
      System.setProperty(PROPERTY, resource);
    }
  }

  /** The JVM option that gives a child process (a worker) the same configuration. */
  public static String jvmOption() {
    return "-D" + PROPERTY + "=" + System.getProperty(PROPERTY, "io/impetus/daemon/logback.xml");
  }
}
