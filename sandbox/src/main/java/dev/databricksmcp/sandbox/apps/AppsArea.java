package dev.databricksmcp.sandbox.apps;

import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.compute.ComputeClock;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.permissions.AclObjectType;
import dev.databricksmcp.sandbox.permissions.ObjectAcls;
import dev.databricksmcp.sandbox.state.StateRegistry;

/**
 * Databricks Apps, changing state every {@code SandboxOptions.clusterTransitionMillis} (app compute
 * is compute), with the sample apps of {@link SampleApps} unless earlier apps came back from {@code
 * --sandbox-dir}.
 */
public final class AppsArea implements ApiArea {
  private final ComputeClock clock;

  public AppsArea() {
    this(new ComputeClock());
  }

  public AppsArea(ComputeClock clock) {
    this.clock = clock;
  }

  @Override
  public ApiModule build(StateRegistry r) {
    Apps apps = r.register(new Apps(r.options().clusterTransitionMillis(), clock));
    if (!apps.restored()) {
      SampleApps.addTo(apps);
    }
    ObjectAcls acls = r.get(ObjectAcls.class);
    acls.track(AclObjectType.APPS, name -> ObjectAcls.createdBy(() -> apps.creator(name)));
    return new AppsApi(apps, acls);
  }
}
