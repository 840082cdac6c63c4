package dev.databricksmcp.sandbox.auth;

import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.http.SandboxUrl;
import dev.databricksmcp.sandbox.state.StateRegistry;

/**
 * OAuth: M2M and U2M tokens, the authorization endpoint, the app integrations it knows and the
 * discovery documents clients read first.
 */
public final class OAuthArea implements ApiArea {

  @Override
  public ApiModule build(StateRegistry r) {
    OAuthApps apps = r.register(new OAuthApps(r.options().oauthLifetimes()));
    return new OAuthApi(r.get(Identities.class), apps, r.get(SandboxUrl.class)::get);
  }
}
