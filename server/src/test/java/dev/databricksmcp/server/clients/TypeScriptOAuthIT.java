package dev.databricksmcp.server.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.server.oauth.SignInFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The official TypeScript SDK client's OAuth support (src/test/clients/ts-oauth.mjs) drives the
 * whole sign-in against a server with --auth databricks-oauth on the sandbox: discovery,
 * registration, authorization with the consent step automated, token, calls as that user, expiry,
 * refresh, sign-out and signing in again.
 */
@Timeout(300)
class TypeScriptOAuthIT {
  private static final List<String> CHECKS =
      List.of(
          "discovery and registration",
          "authorize and token",
          "calls run as the signed-in user",
          "expired access token refused",
          "refresh",
          "signed out: sign in again",
          "signed in again");

  @Test
  void theTypeScriptClientSignsInWithDatabricks() throws Exception {
    String node = NodeClients.ensureInstalled();
    Duration lifetime = Duration.ofSeconds(2);
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.inMemory());
        SignInFixture server =
            new SignInFixture(
                sandbox,
                "a-key-for-the-typescript-client-test-0123456789".getBytes(StandardCharsets.UTF_8),
                lifetime,
                Duration.ofDays(1))) {
      NodeClients.Run run =
          NodeClients.run(
              List.of(
                  node,
                  "ts-oauth.mjs",
                  server.resource(),
                  "analyst@sandbox.local",
                  String.valueOf(lifetime.toMillis())),
              Map.of(),
              Duration.ofMinutes(3),
              "ts-oauth");
      for (String check : CHECKS) {
        assertThat(run.output()).as(run.output()).contains("PASS " + check);
      }
      assertThat(run.output()).doesNotContain("FAIL");
      assertThat(run.exitCode()).isZero();
    }
  }
}
