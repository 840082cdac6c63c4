package dev.databricksmcp.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Session owners stay bounded, and no principal can push another's sessions out. */
class SessionOwnersTest {
  private final AtomicLong nanos = new AtomicLong();

  @Test
  void aSessionBelongsOnlyToWhoOpenedIt() {
    SessionOwners owners = new SessionOwners();
    owners.opened("s1", "alice");

    assertThat(owners.ownedBy("s1", "alice")).isTrue();
    assertThat(owners.ownedBy("s1", "mallory")).isFalse();
    assertThat(owners.ownedBy("s2", "alice")).isFalse();
    owners.closed("s1");
    assertThat(owners.ownedBy("s1", "alice")).isFalse();
  }

  @Test
  void thousandsOfPrincipalsKeepTheTableBounded() {
    SessionOwners owners = new SessionOwners(1_000, 5, nanos::get);

    for (int i = 0; i < 10_000; i++) {
      owners.opened("session-" + i, "principal-" + (i % 3_000));
    }

    assertThat(owners.size()).isLessThanOrEqualTo(1_000);
  }

  @Test
  void onePrincipalOpeningManySessionsForgetsOnlyItsOwnOldest() {
    SessionOwners owners = new SessionOwners(1_000, 3, nanos::get);
    owners.opened("alice-1", "alice");
    for (int i = 0; i < 50; i++) {
      nanos.addAndGet(1_000);
      owners.opened("mallory-" + i, "mallory");
    }

    assertThat(owners.ownedBy("alice-1", "alice")).isTrue();
    assertThat(owners.heldBy("mallory")).isEqualTo(3);
    for (int i = 0; i < 50; i++) {
      assertThat(owners.ownedBy("mallory-" + i, "mallory")).as("mallory-%d", i).isEqualTo(i >= 47);
    }
  }

  @Test
  void anIdleSessionIsForgottenAndItsEntryDropped() {
    SessionOwners owners = new SessionOwners(1_000, 3, nanos::get);
    owners.opened("s1", "alice");
    assertThat(owners.size()).isOne();

    nanos.addAndGet(SessionOwners.IDLE_TTL.plus(Duration.ofSeconds(1)).toNanos());

    assertThat(owners.size()).as("its memory is released, not just hidden").isZero();
    assertThat(owners.ownedBy("s1", "alice")).isFalse();
  }
}
