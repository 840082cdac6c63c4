package dev.databricksmcp.sandbox.compute;

import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.state.SandboxState;
import dev.databricksmcp.sandbox.state.StateRegistry;
import java.util.List;

/**
 * Cluster libraries, each step of an installation taking {@code
 * SandboxOptions.clusterTransitionMillis} on the clusters' {@link ComputeClock}. A test that wants
 * steps of another length (long ones, passed by moving the clock) builds the area with its own.
 */
public final class LibrariesArea implements ApiArea {
  private final Long stepMillis;

  public LibrariesArea() {
    this.stepMillis = null;
  }

  public LibrariesArea(long stepMillis) {
    this.stepMillis = stepMillis;
  }

  @Override
  public List<Class<? extends SandboxState>> needs() {
    return List.of(Clusters.class);
  }

  @Override
  public ApiModule build(StateRegistry r) {
    Clusters clusters = r.get(Clusters.class);
    long step = stepMillis == null ? r.options().clusterTransitionMillis() : stepMillis;
    return new LibrariesApi(r.register(new Libraries(clusters, step)), clusters);
  }
}
