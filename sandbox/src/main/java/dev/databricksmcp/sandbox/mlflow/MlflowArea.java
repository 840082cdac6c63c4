package dev.databricksmcp.sandbox.mlflow;

import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.state.StateRegistry;

/** MLflow tracking: experiments, runs, metrics, params, tags and artifact listings. */
public final class MlflowArea implements ApiArea {
  @Override
  public ApiModule build(StateRegistry r) {
    return new ExperimentsApi(r.register(new MlflowTracking()));
  }
}
