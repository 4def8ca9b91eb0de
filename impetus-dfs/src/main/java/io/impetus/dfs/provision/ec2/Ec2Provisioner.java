package io.impetus.dfs.provision.ec2;

import io.impetus.dfs.provision.Machine;
import io.impetus.dfs.provision.Provisioner;
import io.impetus.dfs.provision.ProvisioningException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ClientBuilder;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.HttpTokensState;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileSpecification;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceInterruptionBehavior;
import software.amazon.awssdk.services.ec2.model.InstanceMarketOptionsRequest;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataEndpointState;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsRequest;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.ec2.model.MarketType;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.ShutdownBehavior;
import software.amazon.awssdk.services.ec2.model.SpotInstanceType;
import software.amazon.awssdk.services.ec2.model.SpotMarketOptions;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * The EC2 provisioner: each machine is an instance started with one RunInstances call, tagged
 * for its cluster, whose user data (a rendered {@code bootstrap/} script) installs a node and
 * starts it with the instance id as its node id. {@link #list()} finds the cluster's pending and
 * running instances by tag, so a restarted DFS adopts what an earlier one started.
 *
 * <p>No method waits for an instance to boot. A call makes one request (a page at a time for
 * {@link #list()}), retried after throttling, capacity shortages and server errors with backoff
 * (see {@link Retry}): it returns or throws an {@link Ec2ProvisioningException} within about 30
 * seconds, so the DFS should call it off its control loop's thread. Every RunInstances carries a
 * client token, the same on each retry, so that a retried request never starts instances twice.
 *
 * <p>Credentials come from the AWS SDK's default provider chain only (environment, system
 * properties, {@code ~/.aws}, web identity, container or instance profile); the region from
 * {@link Ec2Options#region()}, else the SDK's region chain. Instances get IMDSv2 only ({@code
 * HttpTokens=required}) and terminate, not stop, when they shut themselves down. Neither
 * credentials nor the user data are ever logged.
 *
 * <p>Thread-safe: the SDK client is, and the provisioner keeps no other state.
 */
public final class Ec2Provisioner implements Provisioner {

  /** How long one request may take before it counts as failed (and may be retried). */
  static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
  /** DescribeInstances page size (EC2 allows 5 to 1000). */
  static final int PAGE_SIZE = 1000;
  /** The states of instances that belong to a live cluster. */
  static final List<String> LIVE_STATES = List.of("pending", "running");

  private static final Logger LOG = LoggerFactory.getLogger(Ec2Provisioner.class);

  private final Ec2Options options;
  private final String userDataBase64;
  private final Ec2Client ec2;
  private final Retry retry;
  private final Supplier<String> clientTokens;
  private final AtomicBoolean closed = new AtomicBoolean();

  Ec2Provisioner(Ec2Options options, String userData, Ec2Client ec2, Retry retry,
      Supplier<String> clientTokens) {
    this.options = Objects.requireNonNull(options, "options");
    this.userDataBase64 = UserDataRenderer.base64(Objects.requireNonNull(userData, "userData"));
    this.ec2 = Objects.requireNonNull(ec2, "ec2");
    this.retry = Objects.requireNonNull(retry, "retry");
    this.clientTokens = Objects.requireNonNull(clientTokens, "clientTokens");
  }

  /**
   * A provisioner for {@code options} whose instances run {@code userData} (a script, e.g. from
   * {@link UserDataRenderer#render}; it is base64-encoded here). Makes no request yet.
   *
   * @throws IllegalArgumentException when the user data exceeds EC2's 16 KB
   * @throws ProvisioningException when the SDK finds no region
   */
  public static Ec2Provisioner create(Ec2Options options, String userData) {
    return new Ec2Provisioner(options, userData, client(options, null), Retry.standard(),
        () -> UUID.randomUUID().toString());
  }

  /**
   * A provisioner whose instances run the bundled {@code bootstrap/} template rendered for
   * {@code bootstrap}.
   */
  public static Ec2Provisioner create(Ec2Options options, NodeBootstrap bootstrap) {
    return create(options, UserDataRenderer.bundled().render(bootstrap));
  }

  /**
   * The SDK client for {@code options}: the URL-connection HTTP client, the SDK's retries off
   * ({@link Retry} decides), each request bounded by {@link #ATTEMPT_TIMEOUT}.
   *
   * @param credentials null for the SDK's default chain (always, outside tests)
   */
  static Ec2Client client(Ec2Options options, @Nullable AwsCredentialsProvider credentials) {
    Ec2ClientBuilder builder = Ec2Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(ATTEMPT_TIMEOUT))
        .overrideConfiguration(config -> config
            .retryStrategy(AwsRetryStrategy.doNotRetry())
            .apiCallAttemptTimeout(ATTEMPT_TIMEOUT));
    if (options.region() != null) {
      builder.region(Region.of(options.region()));
    }
    if (options.endpoint() != null) {
      builder.endpointOverride(options.endpoint());
    }
    if (credentials != null) {
      builder.credentialsProvider(credentials);
    }
    try {
      return builder.build();
    } catch (SdkClientException e) {
      throw new ProvisioningException("cannot set up the EC2 client: " + e.getMessage()
          + " (set the region with the EC2 region option, AWS_REGION or a profile)", e);
    }
  }

  /** The options this provisioner launches with. */
  public Ec2Options options() {
    return options;
  }

  @Override
  public List<Machine> launch(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("launch count must be at least 1, not " + count);
    }
    checkOpen();
    RunInstancesRequest request = runInstancesRequest(count, clientTokens.get());
    RunInstancesResponse response = retry.call("RunInstances", () -> ec2.runInstances(request));
    List<Machine> machines = response.instances().stream().map(this::machine).toList();
    LOG.info("RunInstances: {} of {} instance(s) for cluster {}: {}", machines.size(), count,
        options.cluster(), machines.stream().map(Machine::id).toList());
    return machines;
  }

  @Override
  public List<Machine> list() {
    checkOpen();
    List<Machine> machines = new ArrayList<>();
    String nextToken = null;
    do {
      DescribeInstancesRequest request = DescribeInstancesRequest.builder()
          .filters(
              filter("tag:" + Ec2Options.CLUSTER_TAG, List.of(options.cluster())),
              filter("tag:" + Ec2Options.ROLE_TAG, List.of(Ec2Options.ROLE_NODE)),
              filter("instance-state-name", LIVE_STATES))
          .maxResults(PAGE_SIZE)
          .nextToken(nextToken)
          .build();
      DescribeInstancesResponse page =
          retry.call("DescribeInstances", () -> ec2.describeInstances(request));
      for (Reservation reservation : page.reservations()) {
        for (Instance instance : reservation.instances()) {
          machines.add(machine(instance));
        }
      }
      nextToken = page.nextToken();
    } while (nextToken != null && !nextToken.isEmpty());
    return machines;
  }

  @Override
  public void terminate(Machine machine) {
    checkOpen();
    String id = machine.id();
    boolean gone = retry.call("TerminateInstances", () -> {
      try {
        ec2.terminateInstances(request -> request.instanceIds(id));
        return false;
      } catch (Ec2Exception e) {
        if ("InvalidInstanceID.NotFound".equals(Retry.errorCode(e))) {
          return true;
        }
        throw e;
      }
    });
    LOG.info("TerminateInstances: {} ({}){}", id, machine.description(),
        gone ? " was already gone" : "");
  }

  /** Closes the SDK client; the instances keep running. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      ec2.close();
    }
  }

  /** The RunInstances request for {@code count} instances, with {@code clientToken}. */
  RunInstancesRequest runInstancesRequest(int count, String clientToken) {
    RunInstancesRequest.Builder request = RunInstancesRequest.builder()
        .minCount(1)
        .maxCount(count)
        .clientToken(clientToken)
        .userData(userDataBase64)
        .instanceInitiatedShutdownBehavior(ShutdownBehavior.TERMINATE)
        .metadataOptions(InstanceMetadataOptionsRequest.builder()
            .httpTokens(HttpTokensState.REQUIRED)
            .httpEndpoint(InstanceMetadataEndpointState.ENABLED)
            .build())
        .tagSpecifications(tags(ResourceType.INSTANCE), tags(ResourceType.VOLUME));
    Ec2Options.LaunchTemplate template = options.launchTemplate();
    if (template != null) {
      request.launchTemplate(LaunchTemplateSpecification.builder()
          .launchTemplateId(template.id())
          .launchTemplateName(template.name())
          .version(template.version())
          .build());
    }
    if (options.imageId() != null) {
      request.imageId(options.imageId());
    }
    if (options.instanceType() != null) {
      request.instanceType(options.instanceType());
    }
    if (options.subnetId() != null) {
      request.subnetId(options.subnetId());
    }
    if (!options.securityGroupIds().isEmpty()) {
      request.securityGroupIds(options.securityGroupIds());
    }
    if (options.keyName() != null) {
      request.keyName(options.keyName());
    }
    String profile = options.instanceProfile();
    if (profile != null) {
      request.iamInstanceProfile(profile.startsWith("arn:")
          ? IamInstanceProfileSpecification.builder().arn(profile).build()
          : IamInstanceProfileSpecification.builder().name(profile).build());
    }
    if (options.market() == Ec2Options.Market.SPOT) {
      request.instanceMarketOptions(InstanceMarketOptionsRequest.builder()
          .marketType(MarketType.SPOT)
          .spotOptions(SpotMarketOptions.builder()
              .spotInstanceType(SpotInstanceType.ONE_TIME)
              .instanceInterruptionBehavior(InstanceInterruptionBehavior.TERMINATE)
              .maxPrice(options.spotMaxPrice())
              .build())
          .build());
    }
    return request.build();
  }

  private TagSpecification tags(ResourceType type) {
    List<Tag> tags = new ArrayList<>();
    for (Map.Entry<String, String> tag : options.allTags().entrySet()) {
      tags.add(Tag.builder().key(tag.getKey()).value(tag.getValue()).build());
    }
    return TagSpecification.builder().resourceType(type).tags(tags).build();
  }

  private static Filter filter(String name, List<String> values) {
    return Filter.builder().name(name).values(values).build();
  }

  /** The machine of {@code instance}: its id is also its node id. */
  private Machine machine(Instance instance) {
    Instant launched = instance.launchTime() != null
        ? instance.launchTime() : retry.clock().instant();
    String zone = instance.placement() == null ? null : instance.placement().availabilityZone();
    String market = instance.instanceLifecycleAsString() == null
        ? "on-demand" : instance.instanceLifecycleAsString();
    String description = instance.instanceTypeAsString() + " " + (zone == null ? "?" : zone)
        + " " + market;
    return new Machine(instance.instanceId(), instance.instanceId(), launched, description);
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException("the EC2 provisioner of cluster " + options.cluster()
          + " is closed");
    }
  }
}
