package dev.databricksmcp.sandbox.auth;

import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.http.SandboxUrl;
import dev.databricksmcp.sandbox.state.StateRegistry;

/** OAuth M2M tokens and the discovery documents clients read first. */
public final class OAuthArea implements ApiArea {

  @Override
  public ApiModule build(StateRegistry r) {
    return new OAuthApi(r.get(Identities.class), r.get(SandboxUrl.class)::get);
  }
}
