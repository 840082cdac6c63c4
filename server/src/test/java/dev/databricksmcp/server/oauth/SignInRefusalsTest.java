package dev.databricksmcp.server.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every way a token or a step of the sign-in can be wrong is refused, as the MCP authorization
 * specification (2025-11-25) and the RFCs it builds on require: a token for another resource (RFC
 * 8707 audience), a replayed code, a wrong PKCE verifier (RFC 7636), an expired token, a forged or
 * altered one, a token of another kind, an unregistered redirect URI (never redirected to), and a
 * signed-out grant. A 401 always names the protected resource metadata (RFC 9728).
 */
@Timeout(180)
class SignInRefusalsTest {
  private static final byte[] KEY =
      "a-key-of-at-least-thirty-two-characters-for-tests".getBytes(StandardCharsets.UTF_8);
  private static Sandbox sandbox;
  private static SignInFixture fx;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.inMemory());
    fx = new SignInFixture(sandbox, KEY, Duration.ofMinutes(10), Duration.ofDays(1));
  }

  @AfterAll
  static void stop() {
    fx.close();
    sandbox.close();
  }

  @Test
  void withoutATokenTheChallengeNamesTheResourceMetadata() throws Exception {
    HttpResponse<String> r = fx.initialize(null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow())
        .isEqualTo(
            "Bearer resource_metadata=\""
                + fx.base
                + "/.well-known/oauth-protected-resource/mcp\"");
    JsonNode prm =
        SignInFixture.JSON.readTree(
            fx.get(fx.base + "/.well-known/oauth-protected-resource/mcp").body());
    assertThat(prm.get("resource").asText()).isEqualTo(fx.resource());
    assertThat(prm.get("authorization_servers").get(0).asText()).isEqualTo(fx.base);
    JsonNode as =
        SignInFixture.JSON.readTree(
            fx.get(fx.base + "/.well-known/oauth-authorization-server").body());
    assertThat(as.get("issuer").asText()).isEqualTo(fx.base);
    assertThat(as.get("code_challenge_methods_supported").get(0).asText()).isEqualTo("S256");
    assertThat(as.get("registration_endpoint").asText()).isEqualTo(fx.base + "/oauth/register");
  }

  @Test
  void aTokenIssuedForAnotherResourceIsRefused() throws Exception {
    // a second server sharing the key (as replicas do) but serving another resource URL
    try (SignInFixture other =
        new SignInFixture(sandbox, KEY, Duration.ofMinutes(10), Duration.ofDays(1))) {
      String theirs = other.tokensFor("analyst@sandbox.local").get("access_token").asText();
      assertThat(other.initialize(theirs).statusCode()).isEqualTo(200);
      HttpResponse<String> here = fx.initialize(theirs);
      assertThat(here.statusCode()).isEqualTo(401);
      assertThat(here.headers().firstValue("WWW-Authenticate").orElseThrow())
          .contains("error=\"invalid_token\"")
          .contains("another resource");
    }
    String clientId = fx.register(SignInFixture.REDIRECT);
    HttpResponse<String> elsewhere =
        fx.get(
            fx.authorizeUrl(
                clientId, SignInFixture.REDIRECT, Pkce.verifier(), "https://other.example/mcp"));
    assertThat(elsewhere.statusCode()).isEqualTo(302);
    assertThat(SignInFixture.query(SignInFixture.location(elsewhere)))
        .containsEntry("error", "invalid_target")
        .containsEntry("state", "client-state");
  }

  @Test
  void aReplayedCodeIsRefusedAndSignsTheGrantOut() throws Exception {
    String clientId = fx.register(SignInFixture.REDIRECT);
    String verifier = Pkce.verifier();
    String code = fx.signIn(clientId, verifier, "analyst@sandbox.local").get("code");
    SignInFixture.Answer first = fx.token(fx.codeForm(clientId, code, verifier));
    assertThat(first.status()).isEqualTo(200);
    SignInFixture.Answer replay = fx.token(fx.codeForm(clientId, code, verifier));
    assertThat(replay.status()).isEqualTo(400);
    assertThat(replay.json().get("error").asText()).isEqualTo("invalid_grant");
    assertThat(fx.initialize(first.json().get("access_token").asText()).statusCode())
        .as("what the replayed code granted is revoked")
        .isEqualTo(401);
  }

  @Test
  void aWrongPkceVerifierOrAnotherClientIsRefused() throws Exception {
    String clientId = fx.register(SignInFixture.REDIRECT);
    String verifier = Pkce.verifier();
    String code = fx.signIn(clientId, verifier, "analyst@sandbox.local").get("code");
    SignInFixture.Answer wrong = fx.token(fx.codeForm(clientId, code, Pkce.verifier()));
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.json().get("error").asText()).isEqualTo("invalid_grant");

    String otherClient = fx.register(SignInFixture.REDIRECT);
    String code2 = fx.signIn(clientId, verifier, "analyst@sandbox.local").get("code");
    assertThat(fx.token(fx.codeForm(otherClient, code2, verifier)).json().get("error").asText())
        .isEqualTo("invalid_grant");
  }

  @Test
  void anUnregisteredRedirectUriIsNeverRedirectedTo() throws Exception {
    String clientId = fx.register(SignInFixture.REDIRECT);
    HttpResponse<String> r =
        fx.get(
            fx.authorizeUrl(
                clientId, "https://attacker.example/cb", Pkce.verifier(), fx.resource()));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Location")).isEmpty();
    HttpResponse<String> unknownClient =
        fx.get(fx.authorizeUrl("made-up", SignInFixture.REDIRECT, Pkce.verifier(), fx.resource()));
    assertThat(unknownClient.statusCode()).isEqualTo(400);
    assertThat(unknownClient.headers().firstValue("Location")).isEmpty();
    HttpResponse<String> plainHttp =
        fx.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(fx.base + "/oauth/register"))
                .header("Content-Type", "application/json")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"redirect_uris\":[\"http://evil.example/cb\"]}")));
    assertThat(plainHttp.statusCode()).isEqualTo(400);
    assertThat(plainHttp.body()).contains("invalid_redirect_uri");
  }

  @Test
  void aForgedAlteredOrMisusedTokenIsRefused() throws Exception {
    JsonNode tokens = fx.tokensFor("analyst@sandbox.local");
    String access = tokens.get("access_token").asText();
    assertThat(fx.initialize(access).statusCode()).isEqualTo(200);
    char last = access.charAt(access.length() - 2);
    String altered =
        access.substring(0, access.length() - 2)
            + (last == 'A' ? 'B' : 'A')
            + access.charAt(access.length() - 1);
    assertThat(fx.initialize(altered).statusCode()).isEqualTo(401);
    SealedTokens forger =
        new SealedTokens("another-key-another-key-another-key!".getBytes(StandardCharsets.UTF_8));
    String forged =
        forger.seal(
            SealedTokens.Kind.ACCESS,
            Map.of(
                "sub",
                "admin@sandbox.local",
                "aud",
                fx.resource(),
                "gid",
                "g",
                "dat",
                "x",
                "exp",
                Long.MAX_VALUE));
    assertThat(fx.initialize(forged).statusCode()).isEqualTo(401);
    assertThat(fx.initialize(tokens.get("refresh_token").asText()).statusCode())
        .as("a refresh token is not an access token")
        .isEqualTo(401);
    assertThat(fx.initialize(sandbox.adminToken()).statusCode())
        .as("a Databricks token is not accepted either")
        .isEqualTo(401);
  }

  @Test
  void anExpiredAccessTokenIsRefusedAndTheRefreshTokenBringsANewOne() throws Exception {
    try (SignInFixture shortLived =
        new SignInFixture(sandbox, KEY, Duration.ofSeconds(1), Duration.ofDays(1))) {
      JsonNode tokens = shortLived.tokensFor("analyst@sandbox.local");
      Thread.sleep(1500);
      HttpResponse<String> expired = shortLived.initialize(tokens.get("access_token").asText());
      assertThat(expired.statusCode()).isEqualTo(401);
      assertThat(expired.headers().firstValue("WWW-Authenticate").orElseThrow())
          .contains("error=\"invalid_token\"")
          .contains("expired");
      SignInFixture.Answer refreshed = shortLived.token(shortLived.refreshForm(tokens));
      assertThat(refreshed.status()).isEqualTo(200);
      assertThat(shortLived.initialize(refreshed.json().get("access_token").asText()).statusCode())
          .isEqualTo(200);
      SignInFixture.Answer again = shortLived.token(shortLived.refreshForm(tokens));
      assertThat(again.json().get("error").asText())
          .as("a refresh token is good once")
          .isEqualTo("invalid_grant");
    }
  }

  @Test
  void aRevokedSignInIsRefused() throws Exception {
    JsonNode tokens = fx.tokensFor("admin@sandbox.local");
    assertThat(fx.revoke(tokens.get("refresh_token").asText()).status()).isEqualTo(200);
    assertThat(fx.initialize(tokens.get("access_token").asText()).statusCode()).isEqualTo(401);
    assertThat(fx.token(fx.refreshForm(tokens)).json().get("error").asText())
        .isEqualTo("invalid_grant");
  }
}
