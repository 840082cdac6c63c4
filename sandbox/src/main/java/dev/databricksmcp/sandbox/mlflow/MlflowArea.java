package dev.databricksmcp.sandbox.mlflow;

import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.permissions.AclObjectType;
import dev.databricksmcp.sandbox.permissions.ObjectAcls;
import dev.databricksmcp.sandbox.state.StateRegistry;

/** MLflow tracking: experiments, runs, metrics, params, tags and artifact listings. */
public final class MlflowArea implements ApiArea {
  @Override
  public ApiModule build(StateRegistry r) {
    MlflowTracking tracking = r.register(new MlflowTracking());
    r.get(ObjectAcls.class)
        .track(
            AclObjectType.EXPERIMENTS,
            id -> ObjectAcls.createdBy(() -> MlflowTracking.owner(tracking.experiment(id))));
    return new ExperimentsApi(tracking);
  }
}
