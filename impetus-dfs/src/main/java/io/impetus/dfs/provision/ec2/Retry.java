package io.impetus.dfs.provision.ec2;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Calls an EC2 action again after an error worth retrying, with exponential backoff and jitter,
 * within a number of attempts and a time budget; then throws an {@link Ec2ProvisioningException}
 * with EC2's error code and message. Worth retrying: throttling, a shortage of capacity or an
 * instance limit (instances may be freed meanwhile), 5xx answers and no answer at all. Anything
 * else (a bad AMI, a missing permission) fails at once.
 *
 * <p>The SDK's own retries are off ({@link Ec2Provisioner} builds its client so), so that this is
 * the one place that decides: the SDK's standard strategy does not retry a capacity shortage,
 * would multiply the attempts, and sleeps where a test cannot stop it. Here the sleeper, the clock
 * and the jitter are injected, and tests never sleep.
 *
 * <p>Thread-safe: it keeps no state between calls.
 */
final class Retry {

  /** Waits between attempts: {@code Thread.sleep}, or a recorder in tests. */
  @FunctionalInterface
  interface Sleeper {
    /** Waits {@code duration}. */
    void sleep(Duration duration) throws InterruptedException;
  }

  /** The most requests per action. */
  static final int MAX_ATTEMPTS = 5;
  /** The ceiling of the first delay; it doubles with each attempt. */
  static final Duration BASE_DELAY = Duration.ofSeconds(1);
  /** The largest ceiling of a delay. */
  static final Duration MAX_DELAY = Duration.ofSeconds(8);
  /**
   * No retry starts later than this after the first request; with the client's attempt timeout
   * (10 s), an action gives up within about 30 s.
   */
  static final Duration BUDGET = Duration.ofSeconds(20);

  /** EC2's error codes worth another attempt. */
  static final Set<String> RETRYABLE_CODES = Set.of(
      "RequestLimitExceeded", "Throttling", "ThrottlingException", "RequestThrottled",
      "InsufficientInstanceCapacity", "InsufficientCapacity", "InsufficientHostCapacity",
      "InstanceLimitExceeded", "Unavailable", "ServiceUnavailable", "InternalError",
      "InternalFailure");

  private static final Logger LOG = LoggerFactory.getLogger(Retry.class);

  private final int maxAttempts;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final Duration budget;
  private final Sleeper sleeper;
  private final Clock clock;
  private final DoubleSupplier jitter;

  /**
   * A retry policy.
   *
   * @param jitter random numbers in [0, 1]: each delay is between half its ceiling and its ceiling
   */
  Retry(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration budget, Sleeper sleeper,
      Clock clock, DoubleSupplier jitter) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
    }
    this.maxAttempts = maxAttempts;
    this.baseDelay = Objects.requireNonNull(baseDelay, "baseDelay");
    this.maxDelay = Objects.requireNonNull(maxDelay, "maxDelay");
    this.budget = Objects.requireNonNull(budget, "budget");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.jitter = Objects.requireNonNull(jitter, "jitter");
  }

  /** The production policy: 5 attempts, delays up to 1, 2, 4, 8 s, a 20 s budget. */
  static Retry standard() {
    return new Retry(MAX_ATTEMPTS, BASE_DELAY, MAX_DELAY, BUDGET,
        duration -> Thread.sleep(duration.toMillis()), Clock.systemUTC(),
        () -> ThreadLocalRandom.current().nextDouble());
  }

  /** The policy's clock (the provisioner dates machines EC2 gave no launch time by it). */
  Clock clock() {
    return clock;
  }

  /**
   * The result of {@code call}, tried again after errors worth retrying.
   *
   * @param action the EC2 action's name, for messages
   * @throws Ec2ProvisioningException when an error is not worth retrying, or still happens
   *     after the last attempt or past the budget
   */
  <T> T call(String action, Supplier<T> call) {
    Instant start = clock.instant();
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (SdkException e) {
        if (!retryable(e)) {
          throw failure(action, e, attempt);
        }
        Duration delay = delay(attempt);
        Duration elapsed = Duration.between(start, clock.instant());
        if (attempt >= maxAttempts || elapsed.plus(delay).compareTo(budget) > 0) {
          throw failure(action, e, attempt);
        }
        LOG.warn("{} attempt {} of {}: {}; retrying in {} ms", action, attempt, maxAttempts,
            describe(e), delay.toMillis());
        try {
          sleeper.sleep(delay);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new Ec2ProvisioningException(action, errorCode(e), attempt,
              action + " interrupted after " + attempt + " attempt(s): " + describe(e), e);
        }
      }
    }
  }

  /** The wait after failed attempt {@code attempt} (1-based): "equal jitter". */
  Duration delay(int attempt) {
    long ceiling = Math.min(maxDelay.toMillis(),
        baseDelay.toMillis() << Math.min(attempt - 1, 20));
    double random = Math.max(0, Math.min(1, jitter.getAsDouble()));
    return Duration.ofMillis(ceiling / 2 + Math.round(random * (ceiling - ceiling / 2)));
  }

  /** Whether {@code e} is worth another attempt. */
  static boolean retryable(SdkException e) {
    if (e instanceof AwsServiceException service) {
      String code = errorCode(service);
      return (code != null && RETRYABLE_CODES.contains(code)) || service.isThrottlingException()
          || service.statusCode() >= 500;
    }
    return e instanceof SdkClientException;
  }

  /** EC2's error code in {@code e}, or null when EC2 did not answer. */
  static @Nullable String errorCode(Throwable e) {
    if (e instanceof AwsServiceException service) {
      AwsErrorDetails details = service.awsErrorDetails();
      return details == null ? null : details.errorCode();
    }
    return null;
  }

  private static Ec2ProvisioningException failure(String action, SdkException e, int attempts) {
    String after = attempts == 1 ? "" : " after " + attempts + " attempts";
    return new Ec2ProvisioningException(action, errorCode(e), attempts,
        action + " failed" + after + ": " + describe(e), e);
  }

  /** {@code Code: message (request id ...)}, or the client's reason when EC2 did not answer. */
  static String describe(SdkException e) {
    if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
      AwsErrorDetails details = service.awsErrorDetails();
      String requestId = service.requestId();
      return details.errorCode() + ": " + details.errorMessage()
          + (requestId == null ? "" : " (request id " + requestId + ")");
    }
    return "no answer from EC2: " + e.getMessage();
  }
}
