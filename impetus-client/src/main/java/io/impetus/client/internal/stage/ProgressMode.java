package io.impetus.client.internal.stage;

import io.impetus.client.internal.stage.ProgressBoard.Snapshot;
import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * How a run shows its progress on standard output: a live {@link #BAR} on a terminal, the
 * original's {@link #LINES} otherwise, or nothing ({@link #OFF}). The system property
 * {@value #PROPERTY} ({@code bar}, {@code lines} or {@code off}) overrides the choice; the bar is
 * as wide as the environment variable {@code COLUMNS} says, else {@value #DEFAULT_COLUMNS}.
 * {@link ClientRun} picks the view once, when the run is made.
 */
enum ProgressMode {

  /** A bar redrawn in place, then the original's final line. */
  BAR,

  /** The original's lines at a bounded rate. */
  LINES,

  /** No progress output. */
  OFF;

  /** The system property that overrides the choice. */
  static final String PROPERTY = "impetus.progress";

  /** The terminal width when {@code COLUMNS} does not give one. */
  static final int DEFAULT_COLUMNS = 80;

  /**
   * The view for standard output {@code out}, chosen from the system property and whether
   * standard output is a terminal.
   *
   * @throws IllegalArgumentException when the system property is set to another value
   */
  static ProgressView forStandardOutput(PrintStream out) {
    return choose(System.getProperty(PROPERTY), isTerminal())
        .view(out, columns(System.getenv("COLUMNS")), System::nanoTime);
  }

  /**
   * The mode the property names, else the bar on a terminal and lines elsewhere.
   *
   * @throws IllegalArgumentException when {@code property} is set but not a mode
   */
  static ProgressMode choose(@Nullable String property, boolean terminal) {
    if (property == null || property.isBlank()) {
      return terminal ? BAR : LINES;
    }
    return switch (property.strip().toLowerCase(Locale.ROOT)) {
      case "bar" -> BAR;
      case "lines" -> LINES;
      case "off" -> OFF;
      default -> throw new IllegalArgumentException("system property " + PROPERTY
          + " must be bar, lines or off, not '" + property + "'");
    };
  }

  /** The terminal width {@code columns} (the variable's value) gives, else the default. */
  static int columns(@Nullable String columns) {
    if (columns != null) {
      try {
        int parsed = Integer.parseInt(columns.strip());
        if (parsed > 0) {
          return parsed;
        }
      } catch (NumberFormatException e) {
        // the default below
      }
    }
    return DEFAULT_COLUMNS;
  }

  /**
   * Whether standard output is a terminal: the JVM has a console, and (from Java 22 on, where a
   * console exists even when output is redirected) {@code Console.isTerminal()} says so.
   */
  static boolean isTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  /** This mode's view on {@code out}, a terminal {@code columns} wide. */
  ProgressView view(PrintStream out, int columns, LongSupplier nanoTime) {
    return switch (this) {
      case BAR -> new BarView(out, columns, nanoTime);
      case LINES -> new LineView(out, LineView.INTERVAL, nanoTime);
      case OFF -> new Silent();
    };
  }

  /** The view that shows nothing. Stateless. */
  private static final class Silent implements ProgressView {

    @Override
    public void update(Snapshot progress, String via) {
      // shows nothing
    }

    @Override
    public void finish(Snapshot progress, String via) {
      // shows nothing
    }
  }
}
