package dev.databricksmcp.sandbox.dashboards;

import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.permissions.AclObjectType;
import dev.databricksmcp.sandbox.permissions.ObjectAcls;
import dev.databricksmcp.sandbox.sql.Warehouses;
import dev.databricksmcp.sandbox.state.SandboxState;
import dev.databricksmcp.sandbox.state.StateRegistry;
import dev.databricksmcp.sandbox.workspace.WorkspaceTree;
import java.util.List;

/**
 * AI/BI (Lakeview) dashboards: drafts in workspace folders, published on a warehouse, trashed; the
 * seeded ones of {@link SampleDashboards}. The folder a dashboard goes into is checked against the
 * workspace tree; the dashboards themselves are not nodes of that tree (see LakeviewDashboards).
 */
public final class DashboardsArea implements ApiArea {
  @Override
  public List<Class<? extends SandboxState>> needs() {
    return List.of(Warehouses.class, WorkspaceTree.class);
  }

  @Override
  public ApiModule build(StateRegistry r) {
    ObjectAcls acls = r.get(ObjectAcls.class);
    LakeviewDashboards dashboards = r.register(new LakeviewDashboards(acls));
    acls.track(AclObjectType.DASHBOARDS, id -> ObjectAcls.createdBy(() -> dashboards.ownerOf(id)));
    return new LakeviewApi(dashboards, r.get(Warehouses.class), r.get(WorkspaceTree.class));
  }
}
