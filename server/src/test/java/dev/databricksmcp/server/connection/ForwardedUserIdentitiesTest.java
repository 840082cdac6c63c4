package dev.databricksmcp.server.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.error.details.ErrorDetails;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.Unauthenticated;
import com.databricks.sdk.service.iam.User;
import dev.databricksmcp.server.connection.ForwardedUserIdentities.Outcome;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A forwarded token's owner is asked of Databricks once, remembered within bounds, and never
 * guessed.
 */
class ForwardedUserIdentitiesTest {
  private final AtomicLong nanos = new AtomicLong();
  private final AtomicInteger lookups = new AtomicInteger();

  private User scim(String token) {
    lookups.incrementAndGet();
    if (token.startsWith("good-")) {
      return new User().setUserName(token.substring(5) + "@example.com").setId("42");
    }
    if (token.startsWith("down-")) {
      throw new DatabricksError("TEMPORARILY_UNAVAILABLE", "try later", 503);
    }
    throw new DatabricksError("UNAUTHENTICATED", "Invalid access token.", 401);
  }

  @Test
  void aKnownOwnerIsAskedOnceAndRememberedForItsTtl() {
    ForwardedUserIdentities identities = new ForwardedUserIdentities(this::scim, 100, nanos::get);

    assertThat(identities.resolve("good-alice"))
        .isEqualTo(new ForwardedUserIdentities.Resolution(Outcome.KNOWN, "alice@example.com"));
    assertThat(identities.resolve("good-alice").principal()).isEqualTo("alice@example.com");
    assertThat(lookups).hasValue(1);

    nanos.addAndGet(ForwardedUserIdentities.KNOWN_TTL.plusSeconds(1).toNanos());
    identities.resolve("good-alice");
    assertThat(lookups).as("asked again once the answer is old").hasValue(2);
  }

  @Test
  void aRefusedTokenIsRememberedBrieflyAndAnOutageNotAtAll() {
    ForwardedUserIdentities identities = new ForwardedUserIdentities(this::scim, 100, nanos::get);

    assertThat(identities.resolve("made-up").outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(identities.resolve("made-up").outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(lookups).hasValue(1);
    nanos.addAndGet(ForwardedUserIdentities.REJECTED_TTL.plusSeconds(1).toNanos());
    identities.resolve("made-up");
    assertThat(lookups).hasValue(2);

    assertThat(identities.resolve("down-bob").outcome()).isEqualTo(Outcome.UNAVAILABLE);
    assertThat(identities.resolve("down-bob").outcome()).isEqualTo(Outcome.UNAVAILABLE);
    assertThat(lookups).as("a failed lookup is retried, not remembered").hasValue(4);
  }

  @Test
  void concurrentFirstRequestsWithOneTokenShareOneLookupWhileOtherTokensGoOn() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean slowGaveUp = new AtomicBoolean();
    ForwardedUserIdentities identities =
        new ForwardedUserIdentities(
            token -> {
              if (token.equals("good-slow")) {
                started.countDown();
                // only a quick lookup held up behind this one leaves it waiting until it gives up
                slowGaveUp.set(!await(release));
              }
              return scim(token);
            },
            100,
            nanos::get);
    ExecutorService callers = Executors.newFixedThreadPool(2);
    try {
      Future<ForwardedUserIdentities.Resolution> first =
          callers.submit(() -> identities.resolve("good-slow"));
      Future<ForwardedUserIdentities.Resolution> second =
          callers.submit(() -> identities.resolve("good-slow"));

      await(started);
      assertThat(identities.resolve("good-quick").principal())
          .as("not held up by the slow lookup")
          .isEqualTo("quick@example.com");
      release.countDown();
      assertThat(first.get(30, TimeUnit.SECONDS).principal()).isEqualTo("slow@example.com");
      assertThat(second.get(30, TimeUnit.SECONDS).principal()).isEqualTo("slow@example.com");
      assertThat(slowGaveUp)
          .as("the quick token was answered while the slow lookup still ran")
          .isFalse();
      assertThat(lookups).as("one lookup for the slow token, one for the quick one").hasValue(2);
    } finally {
      release.countDown();
      callers.shutdownNow();
    }
  }

  private static boolean await(CountDownLatch latch) {
    try {
      return latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  @Timeout(30) // a token left waiting would hang here, not fail
  void aLookupThatDiesDoesNotLeaveItsTokenWaitingForever() {
    AtomicInteger calls = new AtomicInteger();
    ForwardedUserIdentities identities =
        new ForwardedUserIdentities(
            token -> {
              if (calls.incrementAndGet() == 1) {
                throw new NoClassDefFoundError("com/databricks/sdk/service/iam/User");
              }
              return scim(token);
            },
            100,
            nanos::get);

    assertThatThrownBy(() -> identities.resolve("good-carol")).hasStackTraceContaining("iam/User");
    assertThat(identities.resolve("good-carol").principal())
        .as("asked again")
        .isEqualTo("carol@example.com");
  }

  @Test
  void anAnswerWithoutANameIsNotAnIdentity() {
    ForwardedUserIdentities identities =
        new ForwardedUserIdentities(token -> new User(), 100, nanos::get);

    assertThat(identities.resolve("whatever").outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(new ForwardedUserIdentities(token -> null, 100, nanos::get).resolve("x").outcome())
        .isEqualTo(Outcome.REJECTED);
    assertThat(
            new ForwardedUserIdentities(
                    token -> new User().setUserName(" ").setId(""), 100, nanos::get)
                .resolve("x")
                .outcome())
        .as("blank names")
        .isEqualTo(Outcome.REJECTED);
  }

  @Test
  void aUserWithoutAUserNameIsNamedByItsScimId() {
    ForwardedUserIdentities identities =
        new ForwardedUserIdentities(
            token -> new User().setUserName("  ").setId("7123"), 100, nanos::get);

    assertThat(identities.resolve("sp-token").principal()).isEqualTo("7123");
  }

  @Test
  void theSdksRefusalsOfTheTokenAreRefusals() {
    DatabricksError[] refusals = {
      new Unauthenticated("Invalid access token.", ErrorDetails.builder().build()),
      new PermissionDenied("not allowed to call SCIM Me", ErrorDetails.builder().build()),
      new DatabricksError("PERMISSION_DENIED", "forbidden", 403)
    };
    for (DatabricksError refusal : refusals) {
      ForwardedUserIdentities identities =
          new ForwardedUserIdentities(
              token -> {
                throw refusal;
              },
              100,
              nanos::get);
      assertThat(identities.resolve("t").outcome())
          .as(refusal.getMessage())
          .isEqualTo(Outcome.REJECTED);
    }
  }

  @Test
  void aNetworkFailureIsAnOutageAndNotCachedAsARefusal() {
    ForwardedUserIdentities identities =
        new ForwardedUserIdentities(
            token -> {
              lookups.incrementAndGet();
              throw new UncheckedIOException(new ConnectException("Connection refused"));
            },
            100,
            nanos::get);

    assertThat(identities.resolve("t"))
        .isEqualTo(new ForwardedUserIdentities.Resolution(Outcome.UNAVAILABLE, null));
    assertThat(identities.resolve("t").outcome()).isEqualTo(Outcome.UNAVAILABLE);
    assertThat(lookups).as("asked again").hasValue(2);
    assertThat(identities.size()).isZero();
  }

  @Test
  void anAnswerIsHeldOnlyForItsLifetime() {
    ForwardedUserIdentities identities = new ForwardedUserIdentities(this::scim, 100, nanos::get);
    identities.resolve("good-alice");
    identities.resolve("made-up");
    assertThat(identities.size()).isEqualTo(2);

    nanos.addAndGet(ForwardedUserIdentities.REJECTED_TTL.plusSeconds(1).toNanos());
    assertThat(identities.size()).as("the refusal is gone, the known owner kept").isOne();
    nanos.addAndGet(ForwardedUserIdentities.KNOWN_TTL.toNanos());
    assertThat(identities.size()).isZero();
  }

  @Test
  void thousandsOfDistinctTokensKeepTheCacheBounded() {
    ForwardedUserIdentities identities = new ForwardedUserIdentities(this::scim, 1_000, nanos::get);

    for (int i = 0; i < 10_000; i++) {
      identities.resolve((i % 2 == 0 ? "good-user" : "bad-") + i);
    }

    assertThat(identities.size()).isLessThanOrEqualTo(1_000);
    assertThat(Duration.ofNanos(nanos.get())).isZero();
  }
}
