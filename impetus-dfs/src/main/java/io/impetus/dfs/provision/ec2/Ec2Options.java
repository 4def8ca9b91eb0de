package io.impetus.dfs.provision.ec2;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What the EC2 provisioner launches and how it finds its instances again: immutable, checked on
 * construction (an {@link IllegalArgumentException} names the bad value). Build one with {@link
 * #builder(String)}.
 *
 * <p>There are no credentials here, by design: the provisioner takes them from the AWS SDK's
 * default provider chain (environment, system properties, {@code ~/.aws}, web identity, the
 * container or instance profile), never from options or command lines.
 *
 * @param cluster the cluster's name: every instance is tagged {@code impetus:cluster=<cluster>},
 *     {@code impetus:role=node} and {@code Name=impetus-<cluster>-node}, and the provisioner
 *     lists, adopts and terminates only instances with both {@code impetus:} tags
 * @param region the AWS region, or null for the SDK's default region chain
 * @param endpoint the EC2 endpoint, or null for the region's (set for LocalStack or a stub)
 * @param imageId the AMI ({@code ami-...} or {@code resolve:ssm:<parameter>}); null takes the
 *     launch template's
 * @param launchTemplate the launch template, or null; at least one of it and {@code imageId}
 * @param instanceType the instance type (e.g. {@code c7g.large}); null takes the launch
 *     template's, and is allowed only with one
 * @param subnetId the subnet, or null for the launch template's or the default VPC's
 * @param securityGroupIds the security groups (may be empty: the template's or the default)
 * @param keyName the EC2 key pair for SSH, or null for none
 * @param instanceProfile the IAM instance profile, by name or ARN, or null for none (a node
 *     that reads its authkey from SSM or Secrets Manager needs one)
 * @param market on-demand or spot
 * @param spotMaxPrice the highest hourly price for a spot instance in USD (e.g. {@code 0.05}),
 *     or null for the on-demand price; only with {@link Market#SPOT}
 * @param tags extra tags on the instances and their volumes, in order; keys starting with
 *     {@code aws:} or {@code impetus:} are reserved; a {@code Name} replaces the default
 */
public record Ec2Options(
    String cluster,
    @Nullable String region,
    @Nullable URI endpoint,
    @Nullable String imageId,
    @Nullable LaunchTemplate launchTemplate,
    @Nullable String instanceType,
    @Nullable String subnetId,
    List<String> securityGroupIds,
    @Nullable String keyName,
    @Nullable String instanceProfile,
    Market market,
    @Nullable String spotMaxPrice,
    Map<String, String> tags) {

  /** The tag that marks a cluster's instances. */
  public static final String CLUSTER_TAG = "impetus:cluster";
  /** The tag that marks what an instance is to the cluster ({@value #ROLE_NODE}). */
  public static final String ROLE_TAG = "impetus:role";
  /** The value of {@value #ROLE_TAG} on node instances. */
  public static final String ROLE_NODE = "node";
  /** The most tags EC2 takes on one resource, reserved ones included. */
  static final int MAX_TAGS = 50;

  private static final Pattern CLUSTER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
  private static final Pattern IMAGE = Pattern.compile("ami-[0-9a-f]{8,17}|resolve:ssm:\\S+");
  private static final Pattern INSTANCE_TYPE = Pattern.compile("[a-z0-9-]+\\.[a-z0-9-]+");
  private static final Pattern SUBNET = Pattern.compile("subnet-[0-9a-f]{8,17}");
  private static final Pattern GROUP = Pattern.compile("sg-[0-9a-f]{8,17}");
  private static final Pattern KEY_NAME = Pattern.compile("[\\x20-\\x7e]{1,255}");
  private static final Pattern PROFILE_NAME = Pattern.compile("[\\w+=,.@-]{1,128}");
  private static final Pattern PROFILE_ARN =
      Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:instance-profile/[\\w+=,.@/-]{1,512}");
  private static final Pattern PRICE = Pattern.compile("\\d{1,6}(\\.\\d{1,6})?");

  /** Checks every value; see the class comment. */
  public Ec2Options {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(market, "market");
    check(CLUSTER.matcher(cluster).matches(), "cluster name", cluster,
        "1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit");
    check(region == null || REGION.matcher(region).matches(), "region", region,
        "a region name such as eu-west-1");
    if (endpoint != null) {
      String scheme = endpoint.getScheme();
      check(endpoint.isAbsolute() && endpoint.getHost() != null
          && ("https".equals(scheme) || "http".equals(scheme)), "endpoint", endpoint,
          "an http or https URL");
    }
    check(imageId != null || launchTemplate != null, "image", "none",
        "an AMI id, a launch template, or both");
    check(imageId == null || IMAGE.matcher(imageId).matches(), "AMI id", imageId,
        "ami-<hex> or resolve:ssm:<parameter>");
    check(instanceType != null || launchTemplate != null, "instance type", "none",
        "an instance type, unless the launch template has one");
    check(instanceType == null || INSTANCE_TYPE.matcher(instanceType).matches(),
        "instance type", instanceType, "a type such as c7g.large");
    check(subnetId == null || SUBNET.matcher(subnetId).matches(), "subnet id", subnetId,
        "subnet-<hex>");
    securityGroupIds = List.copyOf(securityGroupIds);
    for (String group : securityGroupIds) {
      check(GROUP.matcher(group).matches(), "security group id", group, "sg-<hex>");
    }
    check(securityGroupIds.size() == Set.copyOf(securityGroupIds).size(),
        "security group ids", securityGroupIds, "no group twice");
    check(keyName == null || KEY_NAME.matcher(keyName).matches(), "key pair name", keyName,
        "1 to 255 printable ASCII characters");
    check(instanceProfile == null || PROFILE_NAME.matcher(instanceProfile).matches()
        || PROFILE_ARN.matcher(instanceProfile).matches(), "instance profile", instanceProfile,
        "a profile name or an arn:aws:iam::<account>:instance-profile/... ARN");
    if (spotMaxPrice != null) {
      check(market == Market.SPOT, "spot max price", spotMaxPrice, "only with the spot market");
      check(PRICE.matcher(spotMaxPrice).matches()
          && new BigDecimal(spotMaxPrice).signum() > 0, "spot max price", spotMaxPrice,
          "a positive price in USD per hour, such as 0.05");
    }
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      String key = tag.getKey();
      String lower = key.toLowerCase(Locale.ROOT);
      check(!lower.startsWith("aws:") && !lower.startsWith("impetus:"), "tag key", key,
          "not starting with aws: or impetus: (reserved)");
      check(!key.isBlank() && key.length() <= 128, "tag key", key, "1 to 128 characters");
      check(tag.getValue().length() <= 256, "value of tag " + key, tag.getValue(),
          "at most 256 characters");
    }
    int reserved = tags.containsKey("Name") ? 2 : 3;
    check(tags.size() + reserved <= MAX_TAGS, "tags", tags.size() + " extra tags",
        "at most " + (MAX_TAGS - reserved) + " besides the impetus ones");
  }

  /** A builder for the options of cluster {@code cluster}. */
  public static Builder builder(String cluster) {
    return new Builder(cluster);
  }

  /** The instances' {@code Name} tag: the {@code Name} in {@link #tags}, else the default. */
  public String nameTag() {
    return tags.getOrDefault("Name", "impetus-" + cluster + "-node");
  }

  /**
   * Every tag the provisioner puts on an instance and its volumes, in order: the cluster, the
   * role, the name, then the extra tags.
   */
  public Map<String, String> allTags() {
    Map<String, String> all = new LinkedHashMap<>();
    all.put(CLUSTER_TAG, cluster);
    all.put(ROLE_TAG, ROLE_NODE);
    all.put("Name", nameTag());
    all.putAll(tags);
    return Collections.unmodifiableMap(all);
  }

  private static void check(boolean ok, String what, @Nullable Object value, String expected) {
    if (!ok) {
      throw new IllegalArgumentException(
          "bad EC2 " + what + " '" + value + "': expected " + expected);
    }
  }

  /** Where an instance's capacity is bought. */
  public enum Market {
    /** On-demand instances. */
    ON_DEMAND,
    /** One-time spot instances, terminated (never stopped) when EC2 reclaims them. */
    SPOT;

    /** The market named {@code on-demand} or {@code spot} (any case). */
    public static Market parse(String name) {
      return switch (name.toLowerCase(Locale.ROOT)) {
        case "on-demand", "ondemand", "on_demand" -> ON_DEMAND;
        case "spot" -> SPOT;
        default -> throw new IllegalArgumentException(
            "bad EC2 market '" + name + "': expected on-demand or spot");
      };
    }

    /** How the market is written in options and logs: {@code on-demand} or {@code spot}. */
    @Override
    public String toString() {
      return this == ON_DEMAND ? "on-demand" : "spot";
    }
  }

  /**
   * An EC2 launch template, by id or by name (exactly one), at a version.
   *
   * @param id the template's id ({@code lt-...}), or null when named
   * @param name the template's name, or null when given by id
   * @param version a version number, {@code $Latest} or {@code $Default}
   */
  public record LaunchTemplate(@Nullable String id, @Nullable String name, String version) {

    private static final Pattern ID = Pattern.compile("lt-[0-9a-f]{8,17}");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9().\\-/_]{3,128}");
    private static final Pattern VERSION = Pattern.compile("\\d{1,18}|\\$Latest|\\$Default");

    /** Checks that exactly one of id and name is given, and the version. */
    public LaunchTemplate {
      Objects.requireNonNull(version, "version");
      check((id == null) != (name == null), "launch template", id == null ? "none" : id + ", "
          + name, "an id or a name, not both");
      check(id == null || ID.matcher(id).matches(), "launch template id", id, "lt-<hex>");
      check(name == null || NAME.matcher(name).matches(), "launch template name", name,
          "3 to 128 letters, digits or ().-/_");
      check(VERSION.matcher(version).matches(), "launch template version", version,
          "a version number, $Latest or $Default");
    }

    /**
     * The template {@code idOrName} (an {@code lt-...} id, else a name) at {@code version}, or at
     * {@code $Default} when {@code version} is null.
     */
    public static LaunchTemplate of(String idOrName, @Nullable String version) {
      String at = version == null ? "$Default" : version;
      return ID.matcher(idOrName).matches()
          ? new LaunchTemplate(idOrName, null, at)
          : new LaunchTemplate(null, idOrName, at);
    }
  }

  /** Collects options; {@link #build()} checks them. Not thread-safe. */
  public static final class Builder {
    private final String cluster;
    private @Nullable String region;
    private @Nullable URI endpoint;
    private @Nullable String imageId;
    private @Nullable LaunchTemplate launchTemplate;
    private @Nullable String instanceType;
    private @Nullable String subnetId;
    private final List<String> securityGroupIds = new ArrayList<>();
    private @Nullable String keyName;
    private @Nullable String instanceProfile;
    private Market market = Market.ON_DEMAND;
    private @Nullable String spotMaxPrice;
    private final Map<String, String> tags = new LinkedHashMap<>();

    private Builder(String cluster) {
      this.cluster = Objects.requireNonNull(cluster, "cluster");
    }

    /** The region; default: the SDK's region chain. */
    public Builder region(@Nullable String region) {
      this.region = region;
      return this;
    }

    /** The EC2 endpoint; default: the region's. */
    public Builder endpoint(@Nullable URI endpoint) {
      this.endpoint = endpoint;
      return this;
    }

    /** The AMI. */
    public Builder imageId(@Nullable String imageId) {
      this.imageId = imageId;
      return this;
    }

    /** The launch template. */
    public Builder launchTemplate(@Nullable LaunchTemplate launchTemplate) {
      this.launchTemplate = launchTemplate;
      return this;
    }

    /** The instance type. */
    public Builder instanceType(@Nullable String instanceType) {
      this.instanceType = instanceType;
      return this;
    }

    /** The subnet. */
    public Builder subnetId(@Nullable String subnetId) {
      this.subnetId = subnetId;
      return this;
    }

    /** Adds security groups. */
    public Builder securityGroupIds(String... groupIds) {
      securityGroupIds.addAll(List.of(groupIds));
      return this;
    }

    /** The key pair. */
    public Builder keyName(@Nullable String keyName) {
      this.keyName = keyName;
      return this;
    }

    /** The IAM instance profile, by name or ARN. */
    public Builder instanceProfile(@Nullable String instanceProfile) {
      this.instanceProfile = instanceProfile;
      return this;
    }

    /** The market; default on-demand. */
    public Builder market(Market market) {
      this.market = Objects.requireNonNull(market, "market");
      return this;
    }

    /** Spot instances, at most at {@code maxPrice} USD an hour (null: the on-demand price). */
    public Builder spot(@Nullable String maxPrice) {
      this.market = Market.SPOT;
      this.spotMaxPrice = maxPrice;
      return this;
    }

    /** Adds a tag; a key given twice is an error. */
    public Builder tag(String key, String value) {
      Objects.requireNonNull(value, "value");
      if (tags.putIfAbsent(Objects.requireNonNull(key, "key"), value) != null) {
        throw new IllegalArgumentException("bad EC2 tag key '" + key + "': given twice");
      }
      return this;
    }

    /** The checked options. */
    public Ec2Options build() {
      return new Ec2Options(cluster, region, endpoint, imageId, launchTemplate, instanceType,
          subnetId, securityGroupIds, keyName, instanceProfile, market, spotMaxPrice, tags);
    }
  }
}
