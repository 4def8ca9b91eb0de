package io.impetus.client.internal.stage;

import io.impetus.client.Node;
import io.impetus.client.Process;
import io.impetus.client.Progress;
import io.impetus.client.Shutdown;
import io.impetus.client.Startup;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a client class declares: its stages in declaration order (inherited ones first) and its
 * {@code @Node} methods by name. Checks every signature and {@code @Process(batch)} and names the
 * offending method when one is wrong. Immutable.
 */
public final class ClientModel {

  private final Class<?> type;
  private final List<StageMethod> stages;
  private final Map<String, NodeMethodRef> nodeMethods;

  private ClientModel(Class<?> type, List<StageMethod> stages,
      Map<String, NodeMethodRef> nodeMethods) {
    this.type = type;
    this.stages = List.copyOf(stages);
    this.nodeMethods = Collections.unmodifiableMap(new LinkedHashMap<>(nodeMethods));
  }

  /**
   * Reads a client class: its own stages and node methods, and those of its superclasses below
   * {@code base}, the client library's base class.
   *
   * @throws IllegalArgumentException naming the method when an annotated method has the wrong
   *     signature or a {@code @Process(batch)} below 1, or when the class has no {@code @Startup}
   *     stage
   */
  public static ClientModel of(Class<?> type, Class<?> base) {
    Deque<Class<?>> hierarchy = new ArrayDeque<>();
    for (Class<?> c = type; c != null && c != base; c = c.getSuperclass()) {
      hierarchy.push(c);
    }
    Map<String, StageMethod> stages = new LinkedHashMap<>();
    Map<String, NodeMethodRef> nodes = new LinkedHashMap<>();
    for (Class<?> declaring : hierarchy) {
      Map<String, List<Method>> byName = Arrays.stream(declaring.getDeclaredMethods())
          .filter(m -> !m.isSynthetic())
          .collect(Collectors.groupingBy(Method::getName));
      for (String name : DeclarationOrder.methodNames(declaring)) {
        for (Method method : byName.getOrDefault(name, List.of())) {
          read(method, stages, nodes);
        }
      }
    }
    if (stages.values().stream().noneMatch(s -> s.kind() == StageKind.STARTUP)) {
      throw new IllegalArgumentException(
          type.getName() + " has no @Startup method: nothing would ever be forked");
    }
    return new ClientModel(type, new ArrayList<>(stages.values()), nodes);
  }

  private static void read(Method method, Map<String, StageMethod> stages,
      Map<String, NodeMethodRef> nodes) {
    String where = method.getDeclaringClass().getSimpleName() + "." + method.getName();
    boolean isStatic = Modifier.isStatic(method.getModifiers());
    if (method.isAnnotationPresent(Node.class)) {
      if (!isStatic || method.getParameterCount() != 1) {
        throw new IllegalArgumentException(
            "@Node method " + where + " must be static and take exactly one parameter");
      }
      NodeMethodRef previous = nodes.putIfAbsent(method.getName(),
          new NodeMethodRef(method.getName(), method));
      if (previous != null && !previous.method().equals(method)) {
        throw new IllegalArgumentException("two @Node methods are named " + method.getName()
            + ": fork finds methods by name, so each needs its own");
      }
      return;
    }
    StageKind kind = kindOf(method);
    if (kind == null) {
      return;
    }
    Class<?>[] expected = switch (kind) {
      case STARTUP -> new Class<?>[0];
      case PROCESS -> new Class<?>[] {List.class, List.class};
      case SHUTDOWN -> new Class<?>[] {List.class, List.class, Progress.class};
    };
    if (isStatic || !Arrays.equals(method.getParameterTypes(), expected)) {
      throw new IllegalArgumentException("@" + capitalized(kind) + " method " + where
          + " must be an instance method taking " + describe(kind));
    }
    if (kind == StageKind.PROCESS && method.getAnnotation(Process.class).batch() < 1) {
      throw new IllegalArgumentException("@Process method " + where + " has batch = "
          + method.getAnnotation(Process.class).batch() + ": a batch holds at least 1 job");
    }
    method.setAccessible(true);
    StageMethod previous = stages.get(method.getName());
    if (previous != null && previous.kind() != kind) {
      throw new IllegalArgumentException("stage " + method.getName() + " is declared both as @"
          + capitalized(previous.kind()) + " and as @" + capitalized(kind));
    }
    if (previous == null) {
      stages.put(method.getName(), new StageMethod(method.getName(), kind, method));
    }
  }

  private static StageKind kindOf(Method method) {
    if (method.isAnnotationPresent(Startup.class)) {
      return StageKind.STARTUP;
    }
    if (method.isAnnotationPresent(Process.class)) {
      return StageKind.PROCESS;
    }
    if (method.isAnnotationPresent(Shutdown.class)) {
      return StageKind.SHUTDOWN;
    }
    return null;
  }

  private static String capitalized(StageKind kind) {
    String name = kind.name().toLowerCase();
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  private static String describe(StageKind kind) {
    return switch (kind) {
      case STARTUP -> "no parameters";
      case PROCESS -> "(List<Job> ready, List<Job> errors)";
      case SHUTDOWN -> "(List<Job> ready, List<Job> errors, Progress progress)";
    };
  }

  /** The client class. */
  public Class<?> type() {
    return type;
  }

  /** Every stage, in declaration order. */
  List<StageMethod> stages() {
    return stages;
  }

  /** The names of the stages, in declaration order. */
  public List<String> stageNames() {
    return stages.stream().map(StageMethod::name).toList();
  }

  /** The names of the {@code @Startup} and {@code @Process} stages, in declaration order. */
  public List<String> pipelineStageNames() {
    return stages.stream().filter(s -> s.kind() != StageKind.SHUTDOWN)
        .map(StageMethod::name).toList();
  }

  /** Whether {@code name} is a {@code @Shutdown} method. */
  boolean isShutdown(String name) {
    return stages.stream().anyMatch(s -> s.name().equals(name) && s.kind() == StageKind.SHUTDOWN);
  }

  /**
   * The {@code @Node} method with this name.
   *
   * @throws IllegalArgumentException listing the known methods when there is none
   */
  public NodeMethodRef nodeMethod(String name) {
    NodeMethodRef method = nodeMethods.get(name);
    if (method == null) {
      throw new IllegalArgumentException("no @Node method named '" + name + "' in "
          + type.getSimpleName() + " (known: " + String.join(", ", nodeMethods.keySet()) + ")");
    }
    return method;
  }

  /** The {@code @Node} methods' declaring classes, which the code bundle must hold. */
  public List<Class<?>> nodeClasses() {
    return nodeMethods.values().stream()
        .<Class<?>>map(ref -> ref.method().getDeclaringClass()).distinct().toList();
  }

  /** Whether {@code stage} is a {@code @Startup} stage. */
  boolean isStartup(String stage) {
    return stages.stream().anyMatch(s -> s.name().equals(stage) && s.kind() == StageKind.STARTUP);
  }

  /**
   * The stage that receives the results of jobs forked by {@code from}: the next {@code
   * @Process} stage after it in declaration order.
   *
   * @throws IllegalStateException when {@code from} is the last such stage
   */
  String defaultCallback(String from) {
    boolean after = false;
    for (StageMethod stage : stages) {
      if (after && stage.kind() == StageKind.PROCESS) {
        return stage.name();
      }
      after |= stage.name().equals(from);
    }
    throw new IllegalStateException("stage " + from + " has no later @Process stage to receive"
        + " its jobs: name one with Fork.callback(...)");
  }

  /**
   * Checks that {@code name} is a stage that can receive results.
   *
   * @throws IllegalArgumentException listing the stages when it is not
   */
  String checkCallback(String name) {
    Optional<StageMethod> stage = stages.stream().filter(s -> s.name().equals(name)).findFirst();
    if (stage.isEmpty() || stage.get().kind() == StageKind.STARTUP) {
      throw new IllegalArgumentException("callback '" + name + "' is not a @Process or @Shutdown"
          + " stage of " + type.getSimpleName() + " (stages: " + stages.stream()
          .filter(s -> s.kind() != StageKind.STARTUP).map(StageMethod::name)
          .collect(Collectors.joining(", ")) + ")");
    }
    return name;
  }
}
