package dev.databricksmcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.core.error.platform.Unauthenticated;
import com.databricks.sdk.service.iam.GetUserRequest;
import com.databricks.sdk.service.iam.ListServicePrincipalsRequest;
import com.databricks.sdk.service.iam.ListUsersRequest;
import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.iam.User;
import dev.databricksmcp.sandbox.auth.Identities;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** PAT and OAuth M2M sign-in, 401s, and SCIM identity, all through the real Databricks SDK. */
@Timeout(60)
class IdentityAndSignInTest {
  private static Sandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.inMemory());
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void eachPrincipalSignsInWithItsOwnToken() {
    assertThat(
            SandboxClients.pat(sandbox, Identities.ADMIN_TOKEN)
                .currentUser()
                .me(new MeRequest())
                .getUserName())
        .isEqualTo("admin@sandbox.local");
    assertThat(
            SandboxClients.pat(sandbox, Identities.USER_TOKEN)
                .currentUser()
                .me(new MeRequest())
                .getUserName())
        .isEqualTo("analyst@sandbox.local");
    assertThat(
            SandboxClients.pat(sandbox, Identities.SERVICE_PRINCIPAL_TOKEN)
                .currentUser()
                .me(new MeRequest())
                .getUserName())
        .isEqualTo(Identities.SERVICE_PRINCIPAL.userName());
  }

  @Test
  void theSdkResolvesTheWorkspaceIdFromHostMetadata() {
    WorkspaceClient w = SandboxClients.pat(sandbox, Identities.ADMIN_TOKEN);
    w.currentUser().me(new MeRequest());
    assertThat(w.config().getWorkspaceId()).isEqualTo(Identities.WORKSPACE_ID);
  }

  @Test
  void oauthMachineToMachineSignInActsAsTheServicePrincipal() {
    WorkspaceClient w =
        new WorkspaceClient(
            new DatabricksConfig()
                .setHost(sandbox.host())
                .setClientId(Identities.SERVICE_PRINCIPAL.userName())
                .setClientSecret(Identities.SERVICE_PRINCIPAL_SECRET)
                .setAuthType("oauth-m2m"));
    User me = w.currentUser().me(new MeRequest());
    assertThat(me.getUserName()).isEqualTo(Identities.SERVICE_PRINCIPAL.userName());
    assertThat(sandbox.requestLog().entries())
        .anySatisfy(e -> assertThat(e.path()).isEqualTo("/oidc/v1/token"));
  }

  @Test
  void aWrongClientSecretFailsToSignIn() {
    WorkspaceClient w =
        new WorkspaceClient(
            new DatabricksConfig()
                .setHost(sandbox.host())
                .setClientId(Identities.SERVICE_PRINCIPAL.userName())
                .setClientSecret("wrong")
                .setAuthType("oauth-m2m"));
    assertThatThrownBy(() -> w.currentUser().me(new MeRequest()))
        .isInstanceOf(RuntimeException.class);
  }

  @Test
  void missingOrWrongTokensGet401() throws Exception {
    assertThatThrownBy(
            () ->
                SandboxClients.pat(sandbox, "dapi-not-a-real-token")
                    .currentUser()
                    .me(new MeRequest()))
        .isInstanceOf(Unauthenticated.class);
    HttpResponse<String> anonymous =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(sandbox.host() + "/api/2.0/preview/scim/v2/Me"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.body()).contains("\"error_code\":\"UNAUTHENTICATED\"");
  }

  @Test
  void scimListsPageAndFilter() {
    WorkspaceClient w = SandboxClients.pat(sandbox, Identities.ADMIN_TOKEN);
    List<User> all =
        StreamSupport.stream(w.users().list(new ListUsersRequest()).spliterator(), false).toList();
    assertThat(all)
        .extracting(User::getUserName)
        .containsExactlyInAnyOrder("admin@sandbox.local", "analyst@sandbox.local");

    var page = w.users().impl().list(new ListUsersRequest().setStartIndex(2L).setCount(1L));
    assertThat(page.getResources()).hasSize(1);
    assertThat(page.getTotalResults()).isEqualTo(2L);

    var filtered =
        w.users()
            .impl()
            .list(new ListUsersRequest().setFilter("userName eq \"analyst@sandbox.local\""));
    assertThat(filtered.getResources())
        .extracting(User::getUserName)
        .containsExactly("analyst@sandbox.local");

    assertThat(
            StreamSupport.stream(
                w.servicePrincipals().list(new ListServicePrincipalsRequest()).spliterator(),
                false))
        .extracting(sp -> sp.getApplicationId())
        .containsExactly(Identities.SERVICE_PRINCIPAL.userName());
    assertThat(w.users().get(new GetUserRequest().setId(Identities.ANALYST.id())).getDisplayName())
        .isEqualTo("Sandbox Analyst");
    assertThatThrownBy(() -> w.users().get(new GetUserRequest().setId("999")))
        .isInstanceOf(ResourceDoesNotExist.class);
  }

  @Test
  void theRequestLogSaysWhoCalledWithoutKeepingTokens() {
    sandbox.requestLog().clear();
    SandboxClients.pat(sandbox, Identities.USER_TOKEN).currentUser().me(new MeRequest());
    assertThat(sandbox.requestLog().entries())
        .anySatisfy(
            e -> {
              assertThat(e.path()).isEqualTo("/api/2.0/preview/scim/v2/Me");
              assertThat(e.principal()).isEqualTo("analyst@sandbox.local");
              assertThat(e.status()).isEqualTo(200);
            });
    assertThat(sandbox.requestLog().entries().toString()).doesNotContain(Identities.USER_TOKEN);
  }
}
