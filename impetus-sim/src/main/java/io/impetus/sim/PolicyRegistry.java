package io.impetus.sim;

import io.impetus.dfs.policy.DefaultPolicy;
import io.impetus.dfs.policy.DefaultPolicyConfig;
import io.impetus.dfs.policy.ScalingPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The policies the simulator knows, by name, in an explicit list: {@code default} ({@link
 * DefaultPolicy}) and {@code baseline} ({@link BaselinePolicy}, with the same slots and maxNodes).
 * Each {@link #create} makes a fresh policy, since policies keep state. Immutable.
 */
public final class PolicyRegistry {

  private static final Map<String, Function<DefaultPolicyConfig, ScalingPolicy>> POLICIES =
      new LinkedHashMap<>();

  static {
    POLICIES.put("default", DefaultPolicy::new);
    POLICIES.put("baseline",
        config -> new BaselinePolicy(config.slotsPerNode(), config.maxNodes()));
  }

  private PolicyRegistry() {}

  /** The names, in the order reports list them. */
  public static List<String> names() {
    return List.copyOf(POLICIES.keySet());
  }

  /**
   * A fresh policy.
   *
   * @param name one of {@link #names()}
   * @param config the default policy's settings; the baseline takes its slots and maxNodes
   * @throws IllegalArgumentException for an unknown name, listing the known ones
   */
  public static ScalingPolicy create(String name, DefaultPolicyConfig config) {
    Function<DefaultPolicyConfig, ScalingPolicy> factory = POLICIES.get(name);
    if (factory == null) {
      throw new IllegalArgumentException("unknown policy '" + name + "' (known: "
          + String.join(", ", POLICIES.keySet()) + ")");
    }
    return factory.apply(config);
  }
}
