package io.impetus.client.internal.job;

import static io.impetus.client.tasklog.TaskRecord.ARGS;
import static io.impetus.client.tasklog.TaskRecord.ATTEMPTS;
import static io.impetus.client.tasklog.TaskRecord.CALLBACK;
import static io.impetus.client.tasklog.TaskRecord.CLIENT;
import static io.impetus.client.tasklog.TaskRecord.CODE;
import static io.impetus.client.tasklog.TaskRecord.CREATED;
import static io.impetus.client.tasklog.TaskRecord.DELAY;
import static io.impetus.client.tasklog.TaskRecord.FINISHED;
import static io.impetus.client.tasklog.TaskRecord.ID;
import static io.impetus.client.tasklog.TaskRecord.MAXATTEMPTS;
import static io.impetus.client.tasklog.TaskRecord.NAME;
import static io.impetus.client.tasklog.TaskRecord.NODE;
import static io.impetus.client.tasklog.TaskRecord.PRIORITY;
import static io.impetus.client.tasklog.TaskRecord.RESULT;
import static io.impetus.client.tasklog.TaskRecord.STARTED;
import static io.impetus.client.tasklog.TaskRecord.STATUS;
import static io.impetus.client.tasklog.TaskRecord.TIMELIMIT;
import static io.impetus.client.tasklog.TaskRecord.WORKER;

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
    node.put(ID, spec.id());
    node.put(NAME, spec.name());
    node.put(STATUS, job.status().label());
    node.put(CREATED, IsoTimestamps.of(spec.createdMillis()));
    node.set(ARGS, toJson(job.argsForJson()));
    node.put(DELAY, spec.delayMillis() / 1000.0);
    node.put(PRIORITY, spec.priority());
    node.put(CALLBACK, spec.callback());
    node.put(CLIENT, client);
    ErrorInfo error = outcome.error();
    if (error == null) {
      node.set(RESULT, toJson(job.resultForJson()));
    } else {
      ObjectNode structure = node.putObject(RESULT);
      structure.put("error", error.error());
      structure.put("name", error.name());
      structure.put("linenumber", error.linenumber());
      structure.put("statement", error.statement());
      structure.put("type", error.type());
      structure.put("stacktrace", error.stacktrace());
    }
    node.put(CODE, spec.codeHash());
    node.put(NODE, outcome.node());
    node.put(WORKER, outcome.worker());
    node.put(ATTEMPTS, delivered.attempts());
    node.put(STARTED, IsoTimestamps.of(outcome.startedMillis()));
    node.put(FINISHED, IsoTimestamps.of(outcome.finishedMillis()));
    if (spec.limits().hasTimeLimit()) {
      node.put(TIMELIMIT, spec.limits().timeLimitMillis() / 1000.0);
    }
    if (spec.limits().hasMaxAttempts()) {
      node.put(MAXATTEMPTS, spec.limits().maxAttempts());
    }
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
