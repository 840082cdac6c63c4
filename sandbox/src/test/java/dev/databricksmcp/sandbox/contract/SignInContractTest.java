package dev.databricksmcp.sandbox.contract;

import static dev.databricksmcp.sandbox.contract.SharedSandbox.admin;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.service.iam.MeRequest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.auth.Identities;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a Databricks client asks before and while signing in. None of the three is in the REST API
 * reference: the token endpoint and the discovery document are OAuth 2.0's (RFC 6749, RFC 8414),
 * and {@code /.well-known/databricks-config} is read by the SDKs (the Java SDK's {@code
 * core.oauth.HostMetadata}, the Go SDK's {@code config/host_metadata.go}: {@code oidc_endpoint},
 * {@code account_id}, {@code workspace_id} as a string, {@code cloud}, {@code host_type}, {@code
 * token_federation_default_oidc_audiences}). Every one is answered without a token.
 */
@Timeout(120)
@ExtendWith(SharedSandbox.class)
class SignInContractTest {
  private static final String HOST_METADATA_DOC =
      "databricks-sdk-go config/host_metadata.go HostMetadata and databricks-sdk-java"
          + " core.oauth.HostMetadata; no reference page";
  private static final String DISCOVERY_DOC = "https://www.rfc-editor.org/rfc/rfc8414#section-2";
  private static final String TOKEN_DOC = "https://www.rfc-editor.org/rfc/rfc6749#section-5";

  /**
   * Host metadata: the fields the SDKs read, the OIDC endpoint under the host, the workspace id a
   * string; answered to a client that has no token yet.
   */
  @Test
  @Contract(value = "GET /.well-known/databricks-config", doc = HOST_METADATA_DOC)
  void hostMetadataAsTheSdksReadIt() {
    JsonNode meta = admin().anonymous().get("/.well-known/databricks-config").ok();
    JsonShape.of(
            "{\"oidc_endpoint\": \"string\", \"account_id\": \"string\", \"workspace_id\":"
                + " \"string\", \"cloud\": \"string\", \"host_type\": \"string\","
                + " \"token_federation_default_oidc_audiences\": [\"string\"]}")
        .required("oidc_endpoint", "workspace_id")
        .check(meta);
    assertThat(meta.get("oidc_endpoint").asText())
        .isEqualTo(SharedSandbox.sandbox().host() + "/oidc");
    assertThat(meta.get("workspace_id").asText()).isEqualTo(Identities.WORKSPACE_ID);
  }

  /**
   * Authorization server metadata (RFC 8414 section 2): {@code issuer}, {@code token_endpoint} and
   * {@code authorization_endpoint} (the Java SDK's OpenIDConnectEndpoints needs both endpoints) and
   * {@code response_types_supported}, which the RFC marks REQUIRED ({@code code}: the U2M flow),
   * PKCE's S256, and the client authentication methods the token endpoint takes (without them the
   * RFC's default is client_secret_basic alone; a form-posted secret works too, and a public client
   * such as databricks-cli sends none).
   */
  @Test
  @Contract(value = "GET /oidc/.well-known/oauth-authorization-server", doc = DISCOVERY_DOC)
  void discoveryDocumentHasTheRequiredMetadata() {
    JsonNode discovery =
        admin().anonymous().get("/oidc/.well-known/oauth-authorization-server").ok();
    JsonShape.of(
            "{\"issuer\": \"string\", \"authorization_endpoint\": \"string\","
                + " \"token_endpoint\": \"string\", \"response_types_supported\": [\"string\"],"
                + " \"code_challenge_methods_supported\": [\"string\"],"
                + " \"grant_types_supported\": [\"string\"], \"scopes_supported\": [\"string\"],"
                + " \"token_endpoint_auth_methods_supported\": [\"string\"]}")
        .required(
            "issuer",
            "authorization_endpoint",
            "token_endpoint",
            "response_types_supported",
            "token_endpoint_auth_methods_supported")
        .check(discovery);
    assertThat(discovery.get("token_endpoint_auth_methods_supported"))
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("client_secret_basic", "client_secret_post", "none");
    assertThat(discovery.get("code_challenge_methods_supported"))
        .extracting(JsonNode::asText)
        .containsExactly("S256");
    assertThat(discovery.get("response_types_supported"))
        .extracting(JsonNode::asText)
        .containsExactly("code");
    assertThat(discovery.get("token_endpoint").asText())
        .isEqualTo(SharedSandbox.sandbox().host() + "/oidc/v1/token");
  }

  /**
   * Token endpoint, client credentials: a successful response has {@code access_token}, {@code
   * token_type} and {@code expires_in} (RFC 6749 section 5.1), with {@code Cache-Control: no-store}
   * and {@code Pragma: no-cache}; an error response has {@code error} (RFC 6749 section 5.2):
   * {@code unsupported_grant_type} 400, {@code invalid_client} 401 when the client authenticated
   * with HTTP Basic.
   */
  @Test
  @Contract(value = "POST /oidc/v1/token", doc = TOKEN_DOC)
  void tokenEndpointFollowsOAuth2() {
    Wire anonymous = admin().anonymous();
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (Identities.SERVICE_PRINCIPAL.userName()
                        + ":"
                        + Identities.SERVICE_PRINCIPAL_SECRET)
                    .getBytes(StandardCharsets.UTF_8));
    Reply ok =
        anonymous.send(
            "POST",
            "/oidc/v1/token",
            "application/x-www-form-urlencoded",
            "grant_type=client_credentials&scope=all-apis&client_id="
                + Identities.SERVICE_PRINCIPAL.userName()
                + "&client_secret="
                + Identities.SERVICE_PRINCIPAL_SECRET);
    JsonNode token = ok.ok();
    JsonShape.of(
            "{\"access_token\": \"string\", \"token_type\": \"string\", \"expires_in\": 0,"
                + " \"scope\": \"string\", \"refresh_token\": \"string\"}")
        .required("access_token", "token_type", "expires_in")
        .check(token);
    assertThat(token.get("token_type").asText()).isEqualToIgnoringCase("Bearer");
    assertThat(ok.header("Cache-Control")).isEqualTo("no-store");
    assertThat(ok.header("Pragma")).isEqualTo("no-cache");
    assertThat(
            admin()
                .as(token.get("access_token").asText())
                .get("/api/2.0/preview/scim/v2/Me")
                .ok()
                .get("userName")
                .asText())
        .isEqualTo(Identities.SERVICE_PRINCIPAL.userName());

    Reply unsupported =
        anonymous.send(
            "POST", "/oidc/v1/token", "application/x-www-form-urlencoded", "grant_type=password");
    assertThat(unsupported.status()).isEqualTo(400);
    assertThat(unsupported.json().get("error").asText()).isEqualTo("unsupported_grant_type");

    Reply wrongSecret =
        anonymous.send(
            "POST",
            "/oidc/v1/token",
            "application/x-www-form-urlencoded",
            "grant_type=client_credentials&client_id="
                + Identities.SERVICE_PRINCIPAL.userName()
                + "&client_secret=wrong");
    assertThat(wrongSecret.status()).isIn(400, 401);
    assertThat(wrongSecret.json().get("error").asText()).isEqualTo("invalid_client");

    HttpRequest.Builder withBasic =
        HttpRequest.newBuilder(URI.create(SharedSandbox.sandbox().host() + "/oidc/v1/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"));
    assertThat(send(withBasic.header("Authorization", "Basic " + basic)).statusCode())
        .isEqualTo(200);
    String wrongBasic =
        Base64.getEncoder()
            .encodeToString(
                (Identities.SERVICE_PRINCIPAL.userName() + ":wrong")
                    .getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> refused =
        send(
            HttpRequest.newBuilder(URI.create(SharedSandbox.sandbox().host() + "/oidc/v1/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + wrongBasic)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
    assertThat(refused.statusCode()).as("invalid_client with HTTP Basic is 401").isEqualTo(401);
    assertThat(refused.body()).contains("\"invalid_client\"");
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * OAuth machine-to-machine sign-in through the Databricks SDK for Java: host metadata, discovery
   * and the token endpoint in the SDK's own order, then a call as the service principal.
   */
  @Test
  @Contract(value = "GET /.well-known/databricks-config", doc = HOST_METADATA_DOC)
  @Contract(value = "GET /oidc/.well-known/oauth-authorization-server", doc = DISCOVERY_DOC)
  @Contract(value = "POST /oidc/v1/token", doc = TOKEN_DOC)
  void sdkOAuthMachineToMachine() {
    WorkspaceClient sdk =
        new WorkspaceClient(
            new DatabricksConfig()
                .setHost(SharedSandbox.sandbox().host())
                .setClientId(Identities.SERVICE_PRINCIPAL.userName())
                .setClientSecret(Identities.SERVICE_PRINCIPAL_SECRET)
                .setAuthType("oauth-m2m"));
    assertThat(sdk.currentUser().me(new MeRequest()).getUserName())
        .isEqualTo(Identities.SERVICE_PRINCIPAL.userName());
  }
}
