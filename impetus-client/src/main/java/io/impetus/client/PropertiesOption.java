package io.impetus.client;

import io.impetus.core.job.StreamProperties;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The text of a program's {@code -r/--properties} option: stream properties as {@code
 * name:value} pairs separated by commas, such as {@code mss:1000,maxattempts:2,owner:me}, for the
 * {@link Client} constructor that takes a map. Spaces around names and values are dropped; only
 * the first {@code :} of a pair separates, so a value may hold more (as {@code
 * jvmoptions:-Xlog:gc} does); a value cannot hold a comma. The properties Impetus reads are
 * checked as the constructor checks them, any other name is the user's.
 *
 * <p>The messages of its errors are meant for a command line: one line, naming the bad part,
 * without the program's or the option's name, which the caller adds. Stateless and thread-safe.
 */
public final class PropertiesOption {

  private static final String EXPECTED = "expected name:value[,name:value...], such as mss:1000";

  private PropertiesOption() {}

  /**
   * Parses {@code name:value[,name:value...]}.
   *
   * @return the properties, in the order given; unmodifiable
   * @throws IllegalArgumentException when a pair has no {@code :}, no name or no value, is empty,
   *     names a property given before, or gives a property Impetus reads a value it does not take
   */
  public static Map<String, String> parse(String text) {
    if (text.isBlank()) {
      throw new IllegalArgumentException("no properties given; " + EXPECTED);
    }
    Map<String, String> properties = new LinkedHashMap<>();
    for (String pair : text.split(",", -1)) {
      if (pair.isBlank()) {
        throw new IllegalArgumentException("an empty property in '" + text + "'; " + EXPECTED);
      }
      int colon = pair.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException(
            "'" + pair.strip() + "' is not name:value; " + EXPECTED);
      }
      String name = pair.substring(0, colon).strip();
      String value = pair.substring(colon + 1).strip();
      if (name.isEmpty()) {
        throw new IllegalArgumentException("'" + pair.strip() + "' has no name before ':'");
      }
      if (value.isEmpty()) {
        throw new IllegalArgumentException("'" + pair.strip() + "' has no value after ':'");
      }
      if (properties.putIfAbsent(name, value) != null) {
        throw new IllegalArgumentException("property " + name + " is given twice");
      }
    }
    StreamProperties.parse(properties);
    return Collections.unmodifiableMap(properties);
  }
}
