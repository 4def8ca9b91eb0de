package io.impetus.client.internal.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.impetus.core.job.ErrorInfo;
import io.impetus.core.job.JobOutcome;
import io.impetus.core.job.JobResult;
import io.impetus.core.job.JobSpec;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON record of a finished job, with the original's fields: {@code id, name, status,
 * created, args, delay, priority, callback, client, result, code, node, worker, attempts,
 * started, finished}. Values that Jackson cannot write as JSON are written as their string form;
 * building a record never fails. Thread-safe.
 */
public final class JobJson {

  /** The shared mapper; configured once, thread-safe afterwards. */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private JobJson() {}

  static ObjectNode record(ReceivedJob job, JobResult delivered, String client) {
    JobSpec spec = delivered.spec();
    JobOutcome outcome = delivered.outcome();
    ObjectNode node = MAPPER.createObjectNode();
    node.put("id", spec.id());
    node.put("name", spec.name());
    node.put("status", job.status().label());
    node.put("created", IsoTimestamps.of(spec.createdMillis()));
    node.set("args", toJson(job.argsForJson()));
    node.put("delay", spec.delayMillis() / 1000.0);
    node.put("priority", spec.priority());
    node.put("callback", spec.callback());
    node.put("client", client);
    ErrorInfo error = outcome.error();
    if (error == null) {
      node.set("result", toJson(job.resultForJson()));
    } else {
      ObjectNode structure = node.putObject("result");
      structure.put("error", error.error());
      structure.put("name", error.name());
      structure.put("linenumber", error.linenumber());
      structure.put("statement", error.statement());
      structure.put("type", error.type());
      structure.put("stacktrace", error.stacktrace());
    }
    node.put("code", spec.codeHash());
    node.put("node", outcome.node());
    node.put("worker", outcome.worker());
    node.put("attempts", delivered.attempts());
    node.put("started", IsoTimestamps.of(outcome.startedMillis()));
    node.put("finished", IsoTimestamps.of(outcome.finishedMillis()));
    for (Map.Entry<String, String> extra : spec.extra().entrySet()) {
      if (!node.has(extra.getKey())) {
        node.put(extra.getKey(), extra.getValue());
      }
    }
    return node;
  }

  /** A value as JSON: records and POJOs as objects, anything else as its string form. */
  static JsonNode toJson(@Nullable Object value) {
    JsonNodeFactory nodes = MAPPER.getNodeFactory();
    if (value == null) {
      return nodes.nullNode();
    } else if (value instanceof Integer number) {
      return nodes.numberNode(number);
    } else if (value instanceof Long number) {
      return nodes.numberNode(number);
    } else if (value instanceof String text) {
      return nodes.textNode(text);
    } else if (value instanceof Boolean truth) {
      return nodes.booleanNode(truth);
    } else if (value instanceof byte[] bytes) {
      return nodes.binaryNode(bytes);
    }
    try {
      return MAPPER.valueToTree(value);
    } catch (RuntimeException | StackOverflowError e) {
      return TextNode.valueOf(stringForm(value));
    }
  }

  /** {@code String.valueOf(value)}, or a description when its {@code toString} throws. */
  private static String stringForm(Object value) {
    try {
      return String.valueOf(value);
    } catch (RuntimeException e) {
      return value.getClass().getName() + " (toString failed: " + e + ")";
    }
  }

  /** A JSON value as plain Java: String, Number, Boolean, List, Map or null. */
  static @Nullable Object toPlain(@Nullable JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    return MAPPER.convertValue(node, Object.class);
  }
}
