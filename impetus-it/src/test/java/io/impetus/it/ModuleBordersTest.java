package io.impetus.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The borders between the build's modules, read from the class files every module's build left
 * in its {@code target/classes} and {@code target/test-classes} (main and test code alike): no
 * class uses another module's {@code internal} packages. A module reaches another only through
 * its public packages, so that each can change its insides alone.
 *
 * <p>One exception, named here: the JMH microbenchmarks ({@code io.impetus.bench.micro}) measure
 * the queue's journal and stream queue from inside.
 */
class ModuleBordersTest {

  private static final Pattern INTERNAL =
      Pattern.compile("io\\.impetus\\.[a-z]+\\.internal(\\..*)?");
  private static final String MICROBENCHMARKS = "io.impetus.bench.micro";

  private static JavaClasses classes;
  /** Each imported class's module: the directory holding the build's {@code target}. */
  private static final Map<String, String> MODULE = new HashMap<>();

  @BeforeAll
  static void importEveryModule() throws IOException {
    Path root = Path.of("").toAbsolutePath().getParent();
    List<Path> locations = new ArrayList<>();
    try (Stream<Path> poms = Files.walk(root, 3)) {
      for (Path pom : poms.filter(p -> p.getFileName().toString().equals("pom.xml")).toList()) {
        for (String output : List.of("classes", "test-classes")) {
          Path directory = pom.resolveSibling("target").resolve(output);
          if (Files.isDirectory(directory)) {
            locations.add(directory);
          }
        }
      }
    }
    classes = new ClassFileImporter().importPaths(locations);
    for (JavaClass type : classes) {
      type.getSource().ifPresent(source -> MODULE.put(type.getName(),
          moduleOf(root.relativize(Path.of(source.getUri())))));
    }
    System.out.println("module borders: checked " + new TreeSet<>(MODULE.values()));
  }

  /** The module of a class file at {@code path} (relative to the root): what precedes target. */
  private static String moduleOf(Path path) {
    StringBuilder module = new StringBuilder();
    for (Path part : path) {
      if (part.toString().equals("target")) {
        break;
      }
      module.append(module.length() == 0 ? "" : "/").append(part);
    }
    return module.toString();
  }

  @Test
  void everyModuleIsRead() {
    assertThat(MODULE.values()).contains("impetus-core", "impetus-queue", "impetus-client",
        "impetus-node", "impetus-dfs", "impetus-local", "impetus-cli", "impetus-it");
  }

  @Test
  void noModuleUsesAnotherModulesInternalPackages() {
    List<String> violations = new ArrayList<>();
    for (JavaClass origin : classes) {
      String from = MODULE.get(origin.getName());
      if (origin.getPackageName().startsWith(MICROBENCHMARKS)) {
        continue;
      }
      for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
        JavaClass target = dependency.getTargetClass().getBaseComponentType();
        String to = MODULE.get(target.getName());
        if (to != null && !to.equals(from)
            && INTERNAL.matcher(target.getPackageName()).matches()) {
          violations.add(from + " -> " + to + ": " + dependency.getDescription());
        }
      }
    }
    assertThat(violations).as("uses of another module's internal packages").isEmpty();
  }

  /**
   * A public class that calls into its module's internals (as {@code Client} runs a {@code
   * ClientRun}) is not used by them in turn: the internals take what they need as parameters,
   * so that the API and its implementation form no cycle.
   */
  @Test
  void internalsDoNotUseThePublicClassesThatUseThem() {
    List<String> cycles = new ArrayList<>();
    for (JavaClass internal : classes) {
      if (!isMainInternal(internal)) {
        continue;
      }
      for (Dependency dependency : internal.getDirectDependenciesFromSelf()) {
        JavaClass api = dependency.getTargetClass().getBaseComponentType();
        if (MODULE.containsKey(api.getName()) && !INTERNAL.matcher(api.getPackageName()).matches()
            && api.getPackageName().startsWith("io.impetus.") && usesInternals(api)) {
          cycles.add(dependency.getDescription());
        }
      }
    }
    assertThat(cycles).as("internal classes using a public class that uses internals").isEmpty();
  }

  private static boolean isMainInternal(JavaClass type) {
    return INTERNAL.matcher(type.getPackageName()).matches()
        && type.getSource().map(source -> source.getUri().getPath().contains("/target/classes/"))
            .orElse(false);
  }

  private static boolean usesInternals(JavaClass api) {
    return api.getDirectDependenciesFromSelf().stream()
        .map(dependency -> dependency.getTargetClass().getBaseComponentType())
        .anyMatch(ModuleBordersTest::isMainInternal);
  }
}
