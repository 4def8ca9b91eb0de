package io.impetus.it;

import static io.impetus.it.RunningProcess.script;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/java-env}, which every launcher in {@code bin/} sources: the garbage collector it
 * gives Impetus's JVMs, and a collector chosen in {@code IMPETUS_JAVA_OPTS} taking its place
 * (the JVM refuses to start with two).
 */
class JavaEnvTest {

  private static final Pattern SELECTED =
      Pattern.compile(
      "bool (Use(?:Serial|Parallel|G1|Z|Shenandoah|Epsilon)GC)\\s+= true", Pattern.MULTILINE);

  @TempDir
  Path dir;

  @Test
  void launchersGiveTheParallelCollector() {
    assertThat(collectors("")).containsExactly("UseParallelGC");
  }

  @Test
  void aCollectorChosenInImpetusJavaOptsTakesItsPlace() {
    assertThat(collectors("-Xmx256m -XX:+UseG1GC")).containsExactly("UseG1GC");
    assertThat(collectors("-XX:+UseSerialGC")).containsExactly("UseSerialGC");
  }

  /** The collectors a JVM started as the launchers start one reports as selected. */
  private List<String> collectors(String impetusJavaOpts) {
    RunningProcess java = RunningProcess.start(dir, "java", List.of("bash", "-c",
        ". \"$0\"; exec \"$java_cmd\" \"${java_defaults[@]}\" $IMPETUS_JAVA_OPTS"
            + " -XX:+PrintFlagsFinal -version", script("bin/java-env")),
        Map.of("IMPETUS_JAVA_OPTS", impetusJavaOpts));
    assertThat(java.awaitExit()).as(java.stderr()).isZero();
    Matcher selected = SELECTED.matcher(java.stdout());
    return selected.results().map(match -> match.group(1)).toList();
  }
}
