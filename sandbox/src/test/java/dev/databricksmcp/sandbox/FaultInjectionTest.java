package dev.databricksmcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.core.error.platform.InternalError;
import com.databricks.sdk.service.iam.MeRequest;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.faults.FaultInjector;
import dev.databricksmcp.sandbox.faults.FaultInjector.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Faults as the Databricks SDK sees them: it retries 429 and 503, surfaces 500, survives a drop.
 */
@Timeout(120)
class FaultInjectionTest {
  private static final String ME = "/api/2.0/preview/scim/v2/Me";
  private static Sandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.inMemory());
    SandboxClients.pat(sandbox, Identities.ADMIN_TOKEN)
        .currentUser()
        .me(new MeRequest()); // warm up
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @org.junit.jupiter.api.BeforeEach
  @AfterEach
  void clear() {
    sandbox.faults().clear();
    sandbox.requestLog().clear();
  }

  private long callsTo(String path) {
    return sandbox.requestLog().entries().stream().filter(e -> e.path().equals(path)).count();
  }

  @Test
  void rateLimitedTwiceThenServedAfterTheSdkRetries() {
    sandbox.faults().add(FaultInjector.Rule.of(ME, Kind.RATE_LIMIT, 2));
    var me = SandboxClients.pat(sandbox, Identities.ADMIN_TOKEN).currentUser().me(new MeRequest());
    assertThat(me.getUserName()).isEqualTo("admin@sandbox.local");
    assertThat(callsTo(ME)).isEqualTo(3);
    assertThat(sandbox.requestLog().entries()).filteredOn(e -> e.status() == 429).hasSize(2);
  }

  @Test
  void temporarilyUnavailableIsRetried() {
    sandbox.faults().add(FaultInjector.Rule.of(ME, Kind.UNAVAILABLE, 1));
    assertThat(
            SandboxClients.pat(sandbox, Identities.ADMIN_TOKEN)
                .currentUser()
                .me(new MeRequest())
                .getUserName())
        .isNotBlank();
    assertThat(callsTo(ME)).isEqualTo(2);
  }

  @Test
  void internalErrorsSurfaceAsTheSdksInternalError() {
    sandbox.faults().add(FaultInjector.Rule.of(ME, Kind.INTERNAL_ERROR, 1));
    assertThatThrownBy(
            () ->
                SandboxClients.pat(sandbox, Identities.ADMIN_TOKEN)
                    .currentUser()
                    .me(new MeRequest()))
        .isInstanceOf(InternalError.class);
  }

  @Test
  void aDroppedConnectionIsRetriedByTheSdk() {
    sandbox.faults().add(FaultInjector.Rule.of(ME, Kind.DROP_CONNECTION, 1));
    assertThat(
            SandboxClients.pat(sandbox, Identities.ADMIN_TOKEN)
                .currentUser()
                .me(new MeRequest())
                .getUserName())
        .isNotBlank();
    assertThat(sandbox.requestLog().entries())
        .as(sandbox.requestLog().entries().toString())
        .filteredOn(e -> e.path().equals(ME))
        .extracting(e -> e.status())
        .containsExactlyInAnyOrder(0, 200);
  }

  @Test
  void latencyDelaysButServes() {
    sandbox.faults().add(FaultInjector.Rule.latency(ME, 200));
    assertThat(
            SandboxClients.pat(sandbox, Identities.ADMIN_TOKEN)
                .currentUser()
                .me(new MeRequest())
                .getUserName())
        .isNotBlank();
  }
}
