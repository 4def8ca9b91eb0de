package io.impetus.dfs.provision.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.impetus.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/** The backoff's delays, and which errors are worth another attempt. */
class RetryTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-25T06:00:00Z"));

  private Retry retry(double jitter) {
    return new Retry(Retry.MAX_ATTEMPTS, Retry.BASE_DELAY, Retry.MAX_DELAY, Retry.BUDGET,
        clock::advance, clock, () -> jitter);
  }

  private static AwsServiceException ec2Error(int status, String code) {
    return Ec2Exception.builder().statusCode(status).message(code + " happened")
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code + " happened")
            .build())
        .build();
  }

  @Test
  void delaysDoubleUpToTheCapWithJitterInTheUpperHalf() {
    assertThat(retry(0).delay(1)).isEqualTo(Duration.ofMillis(500));
    assertThat(retry(1).delay(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(retry(0.5).delay(2)).isEqualTo(Duration.ofMillis(1500));
    assertThat(retry(1).delay(4)).isEqualTo(Duration.ofSeconds(8));
    assertThat(retry(1).delay(30)).isEqualTo(Duration.ofSeconds(8));
    assertThat(retry(0).delay(30)).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void theWorstCaseStaysWithinTheBudget() {
    AtomicInteger calls = new AtomicInteger();
    Instant start = clock.instant();

    assertThatThrownBy(() -> retry(1).call("DescribeInstances", () -> {
      calls.incrementAndGet();
      throw ec2Error(503, "RequestLimitExceeded");
    })).isInstanceOf(Ec2ProvisioningException.class);

    assertThat(calls).hasValue(Retry.MAX_ATTEMPTS);
    assertThat(Duration.between(start, clock.instant())).isLessThanOrEqualTo(Retry.BUDGET);
  }

  @Test
  void throttlingCapacityServerErrorsAndSilenceAreWorthRetrying() {
    for (String code : new String[] {"RequestLimitExceeded", "Throttling",
        "InsufficientInstanceCapacity", "InstanceLimitExceeded", "Unavailable"}) {
      assertThat(Retry.retryable(ec2Error(400, code))).as(code).isTrue();
    }
    assertThat(Retry.retryable(ec2Error(502, "BadGateway"))).isTrue();
    assertThat(Retry.retryable(SdkClientException.create("Connection refused"))).isTrue();
    for (String code : new String[] {"InvalidAMIID.NotFound", "UnauthorizedOperation",
        "InvalidParameterValue", "InvalidInstanceID.NotFound", "IdempotentParameterMismatch"}) {
      assertThat(Retry.retryable(ec2Error(400, code))).as(code).isFalse();
    }
  }

  @Test
  void anInterruptedBackoffStopsAndKeepsTheInterrupt() {
    Retry retry = new Retry(Retry.MAX_ATTEMPTS, Retry.BASE_DELAY, Retry.MAX_DELAY, Retry.BUDGET,
        delay -> {
          throw new InterruptedException();
        }, clock, () -> 0);
    try {
      assertThatThrownBy(() -> retry.call("RunInstances", () -> {
        throw ec2Error(503, "RequestLimitExceeded");
      })).isInstanceOf(Ec2ProvisioningException.class)
          .hasMessageStartingWith("RunInstances interrupted after 1 attempt(s)");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
