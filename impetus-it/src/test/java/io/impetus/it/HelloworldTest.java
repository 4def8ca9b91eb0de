package io.impetus.it;

import static io.impetus.it.RunningProcess.script;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The helloworld example as a user runs it: its script, the bin/ daemons, real processes. */
class HelloworldTest {

  private static final Pattern MY_ID = Pattern.compile("My Id: (\\S+)");
  private static final List<String> FIELDS = List.of("id", "name", "status", "created", "args",
      "delay", "priority", "callback", "client", "result", "code", "node", "worker", "attempts",
      "started", "finished");

  @TempDir Path dir;
  private Path tasks;

  @BeforeEach
  void createTaskDirectory() throws IOException {
    tasks = Files.createDirectories(dir.resolve("tasks"));
  }

  @Test
  void embeddedDemoRunsTheOriginalExampleEndToEnd() {
    RunningProcess hello = RunningProcess.start(dir, "helloworld",
        List.of(script("examples/helloworld/helloworld"), "-t", tasks.toString()));

    assertThat(hello.awaitExit()).as(hello.stdout() + hello.stderr()).isZero();
    String id = assertOriginalOutput(hello.stdout());
    assertSquaresLogged(id);
  }

  @Test
  void helloworldRunsAgainstQueueAndNodeDaemons() throws IOException {
    try (Daemons daemons = Daemons.start(dir, "it-secret", 3)) {
      RunningProcess hello = RunningProcess.start(dir, "helloworld", List.of(
          script("examples/helloworld/helloworld"), "-q", "127.0.0.1",
          "-p", daemons.port(), "-a", "it-secret", "-t", tasks.toString()));

      assertThat(hello.awaitExit()).as(hello.stdout() + hello.stderr()).isZero();
      String id = assertOriginalOutput(hello.stdout());
      assertSquaresLogged(id);
      daemons.node().awaitOutput("stopped tracking stream " + id);
      assertThat(daemons.node().stdout()).contains("tracking stream " + id, "created worker 1 ",
          "processing job: ", "completed job: ").doesNotContain("created worker 4 ");
      assertThat(daemons.queue().stdout())
          .contains("created stream " + id, "deleted stream " + id);
    }
  }

  @Test
  void documentedShellPipelineAndImpetusLogsDecodeTheSameJson() throws Exception {
    assumeThat(new ProcessBuilder("sh", "-c", "command -v zlib-flate").start().waitFor())
        .as("zlib-flate (Debian package qpdf) is installed").isZero();
    RunningProcess hello = RunningProcess.start(dir, "helloworld",
        List.of(script("examples/helloworld/helloworld"), "-t", tasks.toString()));
    assertThat(hello.awaitExit()).isZero();
    String id = assertOriginalOutput(hello.stdout());
    Path ok = tasks.resolve(id).resolve("stage1.ok");

    RunningProcess pipeline = RunningProcess.start(dir, "pipeline", List.of("sh", "-c",
        "head -n 1 " + ok + " | base64 --decode | zlib-flate -uncompress"));

    assertThat(pipeline.awaitExit()).isZero();
    JsonNode printed = new ObjectMapper().readTree(pipeline.stdout());
    assertThat(printed).isEqualTo(TaskLogs.read(tasks, id, "stage1.ok").get(0));
    assertThat(printed.get("result").asInt())
        .isEqualTo(printed.get("args").asInt() * printed.get("args").asInt());

    RunningProcess logs = RunningProcess.start(dir, "logs",
        List.of(script("bin/impetus"), "logs", "--json-lines", ok.toString()));
    assertThat(logs.awaitExit()).as(logs.stderr()).isZero();
    List<String> lines = logs.stdout().lines().toList();
    assertThat(lines).hasSize(100);
    assertThat(new ObjectMapper().readTree(lines.get(0))).isEqualTo(printed);
  }

  @Test
  void unreachableQueueIsAWarningThenOneClearLineAndExitStatusOne() throws IOException {
    String port = Integer.toString(Daemons.freePort());
    RunningProcess hello = RunningProcess.start(dir, "helloworld", List.of(
        script("examples/helloworld/helloworld"), "-q", "127.0.0.1", "-p", port,
        "-t", tasks.toString()), Map.of("IMPETUS_JAVA_OPTS", "-Dimpetus.connect=1"));

    assertThat(hello.awaitExit()).isEqualTo(1);
    assertThat(hello.stderr().lines()).hasSize(2).satisfiesExactly(
        warning -> assertThat(warning).contains("the queue at 127.0.0.1:" + port
            + " is not there yet").endsWith("waiting for it for up to 1 s"),
        error -> assertThat(error).startsWith("helloworld: could not connect to the queue at"
            + " 127.0.0.1:" + port + " within 1 s (last attempt: cannot reach the queue"));
  }

  @Test
  void malformedPropertiesAreOneLineAndExitStatusTwo() {
    RunningProcess hello = RunningProcess.start(dir, "helloworld", List.of(
        script("examples/helloworld/helloworld"), "-t", tasks.toString(), "-r", "mss"));

    assertThat(hello.awaitExit()).isEqualTo(2);
    assertThat(hello.stderr().lines()).containsExactly("helloworld: invalid value for option"
        + " '--properties': 'mss' is not name:value; expected name:value[,name:value...], such as"
        + " mss:1000 (see --help)");
  }

  @Test
  void missingTaskDirectoryIsOneClearLine() {
    RunningProcess hello = RunningProcess.start(dir, "helloworld", List.of(
        script("examples/helloworld/helloworld"), "-t", dir.resolve("missing").toString()));

    assertThat(hello.awaitExit()).isEqualTo(1);
    assertThat(hello.stderr().lines()).singleElement().asString()
        .contains("task directory", "missing does not exist");
  }

  private static String assertOriginalOutput(String out) {
    Matcher id = MY_ID.matcher(out);
    assertThat(id.find()).as(out).isTrue();
    assertThat(out.lines()).contains("thread: start 100/0 -> stage1 0/100 via stage1",
        "Total: 328350", "Errors: 0", "shutting down");
    return id.group(1);
  }

  private void assertSquaresLogged(String id) {
    List<JsonNode> records = TaskLogs.read(tasks, id, "stage1.ok");
    assertThat(records).hasSize(100);
    Set<Integer> args = new HashSet<>();
    for (JsonNode record : records) {
      FIELDS.forEach(field -> assertThat(record.has(field)).as(field + " in " + record).isTrue());
      int arg = record.get("args").asInt();
      assertThat(record.get("result").asInt()).isEqualTo(arg * arg);
      assertThat(record.get("status").asText()).isEqualTo("ready");
      assertThat(record.get("callback").asText()).isEqualTo("stage1");
      assertThat(record.get("client").asText()).isEqualTo(id);
      args.add(arg);
    }
    assertThat(args).hasSize(100);
    assertThat(TaskLogs.read(tasks, id, "stage1.err")).isEmpty();
  }
}
