package io.impetus.dfs.provision.ec2;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Renders a node machine's user data from the {@code bootstrap/} template: every
 * {@code {{VARIABLE}}} becomes its value from a {@link NodeBootstrap}, written as one shell word
 * in single quotes (so no value can inject a command), except {@code {{NODE_UNIT}}}, which becomes
 * the text of the node's systemd unit (the template puts it in a quoted here-document). Immutable
 * and thread-safe.
 *
 * <p>Rendering fails with an {@link IllegalArgumentException} when the template has a placeholder
 * no variable fills, lacks one that must be filled, or the result exceeds EC2's limit of {@value
 * #MAX_USER_DATA_BYTES} bytes of user data (counted before base64). The result never holds the
 * authkey: a {@link NodeBootstrap} has only the key's {@link AuthkeySource}.
 */
public final class UserDataRenderer {

  /** EC2's limit on user data, in bytes before base64 encoding. */
  public static final int MAX_USER_DATA_BYTES = 16 * 1024;

  /** Where the templates from {@code bootstrap/} are in the jar. */
  static final String RESOURCES = "/io/impetus/dfs/provision/ec2/bootstrap/";
  /** The template's file name in {@code bootstrap/}. */
  public static final String TEMPLATE_FILE = "user-data.sh.template";
  /** The node unit's file name in {@code bootstrap/}. */
  public static final String NODE_UNIT_FILE = "impetus-node.service";

  /** The variables a template must use: without them a node cannot start. */
  static final Set<String> REQUIRED = Set.of("QUEUE_HOST", "QUEUE_PORT", "AUTHKEY_SOURCE",
      "NODE_URL", "NODE_UNIT");
  private static final String HEREDOC_END = "IMPETUS_NODE_UNIT";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z0-9_]+)}}");
  private static final Pattern ANY_PLACEHOLDER = Pattern.compile("\\{\\{[^{}\\n]*}}");

  private final String template;
  private final String nodeUnit;

  private UserDataRenderer(String template, String nodeUnit) {
    this.template = Objects.requireNonNull(template, "template");
    this.nodeUnit = Objects.requireNonNull(nodeUnit, "nodeUnit").stripTrailing();
    Set<String> missing = new TreeSet<>(REQUIRED);
    missing.removeAll(placeholders(template));
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("the user-data template lacks " + missing);
    }
    Matcher malformed = ANY_PLACEHOLDER.matcher(template);
    while (malformed.find()) {
      if (!PLACEHOLDER.matcher(malformed.group()).matches()) {
        throw new IllegalArgumentException("the user-data template has a malformed placeholder "
            + malformed.group() + " (variables are written {{UPPER_CASE}})");
      }
    }
    if (this.nodeUnit.lines().anyMatch(HEREDOC_END::equals) || this.nodeUnit.contains("{{")) {
      throw new IllegalArgumentException("the node unit must not contain a line "
          + HEREDOC_END + " or {{");
    }
  }

  /** The renderer of the template and node unit in {@code bootstrap/}, as packed in the jar. */
  public static UserDataRenderer bundled() {
    return new UserDataRenderer(resource(TEMPLATE_FILE), resource(NODE_UNIT_FILE));
  }

  /**
   * The renderer of {@value #TEMPLATE_FILE} and {@value #NODE_UNIT_FILE} in {@code directory}
   * (a copy of {@code bootstrap/} the operator changed).
   *
   * @throws UncheckedIOException when a file cannot be read
   */
  public static UserDataRenderer fromDirectory(Path directory) {
    try {
      return new UserDataRenderer(
          Files.readString(directory.resolve(TEMPLATE_FILE), StandardCharsets.UTF_8),
          Files.readString(directory.resolve(NODE_UNIT_FILE), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bootstrap templates in " + directory, e);
    }
  }

  /** The renderer of {@code template} with {@code nodeUnit} as {@code {{NODE_UNIT}}}. */
  public static UserDataRenderer of(String template, String nodeUnit) {
    return new UserDataRenderer(template, nodeUnit);
  }

  /**
   * The user-data script for {@code bootstrap}, as text.
   *
   * @throws IllegalArgumentException when a placeholder is left or the script is too long
   */
  public String render(NodeBootstrap bootstrap) {
    Map<String, String> values = variables(bootstrap);
    Matcher matcher = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder(template.length() + nodeUnit.length());
    Set<String> unknown = new TreeSet<>();
    while (matcher.find()) {
      String name = matcher.group(1);
      String value = values.get(name);
      if (value == null) {
        unknown.add(name);
        value = matcher.group();
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("the user-data template has unknown variables "
          + unknown + "; known: " + values.keySet());
    }
    String script = out.toString();
    checkSize(script);
    return script;
  }

  /** The user data for {@code bootstrap}, base64-encoded as RunInstances takes it. */
  public String renderBase64(NodeBootstrap bootstrap) {
    return base64(render(bootstrap));
  }

  /**
   * {@code script} base64-encoded, as RunInstances takes user data.
   *
   * @throws IllegalArgumentException when the script exceeds EC2's limit
   */
  public static String base64(String script) {
    checkSize(script);
    return Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8));
  }

  /** The value of each variable, as it is written into the script. */
  Map<String, String> variables(NodeBootstrap bootstrap) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("QUEUE_HOST", shellWord(bootstrap.queueHost()));
    values.put("QUEUE_PORT", shellWord(Integer.toString(bootstrap.queuePort())));
    values.put("AUTHKEY_SOURCE", shellWord(bootstrap.authkeySource().toString()));
    values.put("MPPS", shellWord(Integer.toString(bootstrap.mpps())));
    values.put("NODE_URL", shellWord(bootstrap.nodeUrl().toString()));
    values.put("NODE_SHA256", shellWord(orEmpty(bootstrap.nodeSha256())));
    values.put("JAVA_PACKAGE", shellWord(orEmpty(bootstrap.javaPackage())));
    values.put("NODE_UNIT", nodeUnit);
    return values;
  }

  private static String orEmpty(@Nullable String value) {
    return value == null ? "" : value;
  }

  /** {@code value} as one single-quoted shell word. */
  static String shellWord(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }

  private static void checkSize(String script) {
    int bytes = script.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_USER_DATA_BYTES) {
      throw new IllegalArgumentException("the user data is " + bytes + " bytes, over EC2's limit"
          + " of " + MAX_USER_DATA_BYTES + " bytes (16 KB, before base64): shorten the template"
          + " or move steps into the AMI");
    }
  }

  private static Set<String> placeholders(String template) {
    Set<String> names = new TreeSet<>();
    Matcher matcher = PLACEHOLDER.matcher(template);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  private static String resource(String name) {
    try (InputStream in = UserDataRenderer.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + RESOURCES + name
            + " (impetus-dfs packs bootstrap/ as resources)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCES + name, e);
    }
  }
}
