package io.impetus.it;

import static io.impetus.it.RunningProcess.script;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline example as a user runs it, through its script: a three-stage pipeline whose
 * listing stage loops on itself ends with the exact counts the README shows, in its output and
 * in its task logs, and loses no job on the way.
 */
class PipelineExampleTest {

  /** What the example prints last, as the README shows it. */
  private static final List<String> SUMMARY = List.of(
      "listings: 14 ok, 0 failed, 66 items found",
      "items: 61 ok, 5 failed",
      "quotes: 56 ok, 5 failed",
      "Total: 2517.02 EUR",
      "shutting down");
  private static final Pattern MY_ID = Pattern.compile("My Id: (\\S+)");
  private static final Pattern LISTING = Pattern.compile("/category/(\\d+)/page/(\\d+)");

  @TempDir Path dir;
  private Path tasks;

  @BeforeEach
  void createTaskDirectory() throws IOException {
    tasks = Files.createDirectories(dir.resolve("tasks"));
  }

  @Test
  void threeStagePipelineWithASelfLoopEndsWithExactCountsPerStageAndNoJobLost() {
    RunningProcess pipeline = RunningProcess.start(dir, "pipeline",
        List.of(script("examples/pipeline/pipeline"), "-t", tasks.toString()));

    assertThat(pipeline.awaitExit()).as(pipeline.stdout() + pipeline.stderr()).isZero();
    String id = assertSummary(pipeline.stdout());
    assertExactTaskLogs(id);
  }

  @Test
  void pipelineRunsAgainstDaemonsWithTheStreamPropertiesOfR() throws IOException {
    try (Daemons daemons = Daemons.start(dir, "it-secret", 3)) {
      RunningProcess pipeline = RunningProcess.start(dir, "pipeline", List.of(
          script("examples/pipeline/pipeline"), "-q", "127.0.0.1",
          "-p", daemons.port(), "-a", "it-secret", "-t", tasks.toString(), "-i", "crawl-1",
          "-r", "mpps:1,owner:it"));

      assertThat(pipeline.awaitExit()).as(pipeline.stdout() + pipeline.stderr()).isZero();
      assertThat(assertSummary(pipeline.stdout())).isEqualTo("crawl-1");
      assertExactTaskLogs("crawl-1");
      daemons.node().awaitOutput("stopped tracking stream crawl-1");
      assertThat(daemons.node().stdout())
          .as("mpps:1 holds the stream to one worker, though -m is 3")
          .contains("created worker 1 ").doesNotContain("created worker 2 ");
      assertThat(daemons.queue().stdout())
          .contains("created stream crawl-1", "deleted stream crawl-1");
    }
  }

  @Test
  void malformedPropertiesAreOneLineAndExitStatusTwo() {
    RunningProcess pipeline = RunningProcess.start(dir, "pipeline", List.of(
        script("examples/pipeline/pipeline"), "-t", tasks.toString(), "-r", "mss:abc"));

    assertThat(pipeline.awaitExit()).isEqualTo(2);
    assertThat(pipeline.stderr().lines()).containsExactly("pipeline: invalid value for option"
        + " '--properties': stream property mss must be a positive integer, not 'abc'"
        + " (see --help)");
    assertThat(pipeline.stdout()).isEmpty();
  }

  /** Checks the output: the id, progress lines, then exactly the summary; returns the id. */
  private static String assertSummary(String out) {
    Matcher id = MY_ID.matcher(out);
    assertThat(id.find()).as(out).isTrue();
    assertThat(out.lines()
        .filter(line -> !line.startsWith("My Id: ") && !line.startsWith("thread: ")))
        .as(out).containsExactlyElementsOf(SUMMARY);
    return id.group(1);
  }

  private void assertExactTaskLogs(String id) {
    for (String stage : List.of("start", "stop")) {
      assertThat(TaskLogs.read(tasks, id, stage + ".ok")).isEmpty();
      assertThat(TaskLogs.read(tasks, id, stage + ".err")).isEmpty();
    }
    List<Integer> found = assertListingsFollowedEveryCategoryToItsLastPage(id);

    List<JsonNode> itemsOk = TaskLogs.read(tasks, id, "items.ok");
    List<JsonNode> itemsErr = TaskLogs.read(tasks, id, "items.err");
    assertThat(itemsOk).hasSize(61);
    assertThat(itemsErr).hasSize(5);
    assertStageRecords(id, "item", "items", itemsOk, itemsErr);
    assertThat(argsOf(itemsOk, itemsErr, record -> record.get("args").asInt()))
        .as("each item found was fetched exactly once").containsExactlyInAnyOrderElementsOf(found);
    for (JsonNode record : itemsErr) {
      JsonNode error = record.get("result");
      assertThat(error.get("error").asText()).isEqualTo("java.lang.IllegalStateException: item "
          + record.get("args").asInt() + ": the page shows no price");
      assertThat(error.get("name").asText()).isEqualTo("item");
      assertThat(error.get("statement").asText()).isEqualTo(
          "io.impetus.examples.pipeline.Pipeline.item(Pipeline.java:"
              + error.get("linenumber").asInt() + ")");
    }

    List<JsonNode> quotesOk = TaskLogs.read(tasks, id, "quotes.ok");
    List<JsonNode> quotesErr = TaskLogs.read(tasks, id, "quotes.err");
    assertThat(quotesOk).hasSize(56);
    assertThat(quotesErr).hasSize(5);
    assertStageRecords(id, "quote", "quotes", quotesOk, quotesErr);
    assertThat(argsOf(quotesOk, quotesErr, record -> record.get("args").get("id").asInt()))
        .as("each item fetched was quoted exactly once")
        .containsExactlyInAnyOrderElementsOf(
            itemsOk.stream().map(record -> record.get("result").get("id").asInt()).toList());
    for (JsonNode record : quotesErr) {
      assertThat(record.get("args").get("currency").asText()).isEqualTo("XTS");
      assertThat(record.get("result").get("error").asText()).isEqualTo(
          "java.lang.IllegalArgumentException: item " + record.get("args").get("id").asInt()
              + ": no exchange rate for XTS");
    }
    BigDecimal total = quotesOk.stream().map(record -> record.get("result").get("euros")
        .decimalValue()).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(total).isEqualByComparingTo("2517.02");
  }

  /**
   * Checks that each of the 4 categories was read from page 1 to a last page without a next one,
   * every page once, the first forked by start and the others by listings itself; returns the
   * items the pages listed.
   */
  private List<Integer> assertListingsFollowedEveryCategoryToItsLastPage(String id) {
    List<JsonNode> listings = TaskLogs.read(tasks, id, "listings.ok");
    assertThat(listings).hasSize(14);
    assertThat(TaskLogs.read(tasks, id, "listings.err")).isEmpty();
    assertStageRecords(id, "listing", "listings", listings, List.of());
    Map<Integer, Map<Integer, JsonNode>> pages = new TreeMap<>();
    List<Integer> found = new ArrayList<>();
    for (JsonNode record : listings) {
      Matcher path = LISTING.matcher(record.get("args").asText());
      assertThat(path.matches()).as(record.toString()).isTrue();
      JsonNode previous = pages.computeIfAbsent(Integer.parseInt(path.group(1)),
          category -> new TreeMap<>()).put(Integer.parseInt(path.group(2)), record);
      assertThat(previous).as("page read twice: " + record).isNull();
      record.get("result").get("items").forEach(item -> found.add(item.asInt()));
    }
    assertThat(pages).containsOnlyKeys(1, 2, 3, 4);
    pages.forEach((category, byNumber) -> {
      int last = byNumber.size();
      assertThat(byNumber.keySet()).as("category " + category).startsWith(1).endsWith(last);
      byNumber.forEach((number, record) -> {
        JsonNode next = record.get("result").get("next");
        if (number == last) {
          assertThat(next.isNull()).as("last page of category " + category).isTrue();
        } else {
          assertThat(next.asText()).isEqualTo("/category/" + category + "/page/" + (number + 1));
        }
        assertThat(record.get("priority").asInt()).isEqualTo(number == 1 ? 0 : -1);
      });
    });
    assertThat(found).hasSize(66).doesNotHaveDuplicates();
    return found;
  }

  /** Checks what every record of a stage shares. */
  private static void assertStageRecords(String id, String method, String stage,
      List<JsonNode> ok, List<JsonNode> errors) {
    for (JsonNode record : ok) {
      assertThat(record.get("status").asText()).isEqualTo("ready");
    }
    for (JsonNode record : errors) {
      assertThat(record.get("status").asText()).isEqualTo("error");
    }
    List<JsonNode> all = new ArrayList<>(ok);
    all.addAll(errors);
    Set<String> jobIds = new HashSet<>();
    for (JsonNode record : all) {
      assertThat(record.get("name").asText()).isEqualTo(method);
      assertThat(record.get("callback").asText()).isEqualTo(stage);
      assertThat(record.get("client").asText()).isEqualTo(id);
      assertThat(record.get("attempts").asInt()).isEqualTo(1);
      jobIds.add(record.get("id").asText());
    }
    assertThat(jobIds).as("job ids in " + stage).hasSize(all.size());
  }

  /** The arguments of every job of a stage, ready or not. */
  private static List<Integer> argsOf(List<JsonNode> ok, List<JsonNode> errors,
      ToIntFunction<JsonNode> arg) {
    List<Integer> args = new ArrayList<>();
    ok.forEach(record -> args.add(arg.applyAsInt(record)));
    errors.forEach(record -> args.add(arg.applyAsInt(record)));
    return args;
  }
}
