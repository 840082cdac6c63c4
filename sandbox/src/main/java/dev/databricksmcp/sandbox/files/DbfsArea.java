package dev.databricksmcp.sandbox.files;

import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.state.StateRegistry;

/** The DBFS API 2.0. */
public final class DbfsArea implements ApiArea {
  @Override
  public ApiModule build(StateRegistry r) {
    return new DbfsApi(r.register(new DbfsFiles()));
  }
}
