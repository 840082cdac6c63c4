package dev.databricksmcp.sandbox.files;

import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.state.SandboxState;
import dev.databricksmcp.sandbox.state.StateRegistry;
import dev.databricksmcp.sandbox.uc.Grants;
import dev.databricksmcp.sandbox.uc.Volumes;
import java.util.List;

/** The Files API on volumes: files live in volumes that {@code VolumesArea} keeps. */
public final class VolumeFilesArea implements ApiArea {
  @Override
  public List<Class<? extends SandboxState>> needs() {
    return List.of(Volumes.class);
  }

  @Override
  public ApiModule build(StateRegistry r) {
    VolumeFiles files = r.register(new VolumeFiles());
    return new VolumeFilesApi(
        r.register(new VolumeAccess(r.get(Volumes.class), r.get(Grants.class), files)));
  }
}
