package dev.databricksmcp.sandbox.vectorsearch;

import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.engine.DuckDbEngine;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.state.StateRegistry;
import dev.databricksmcp.sandbox.uc.Grants;
import dev.databricksmcp.sandbox.uc.Metastore;

/**
 * Mosaic AI Vector Search: endpoints and indexes with real similarity, changing state in {@code
 * SandboxOptions.clusterTransitionMillis} (the same compute-like wait as a cluster's). A new
 * sandbox has one endpoint and one Delta Sync index over a sample text column ({@link
 * VectorSearchSeed}).
 */
public final class VectorSearchArea implements ApiArea {
  @Override
  public ApiModule build(StateRegistry r) {
    long transition = r.options().clusterTransitionMillis();
    VectorEndpoints endpoints = r.register(new VectorEndpoints(transition));
    VectorIndexes indexes = r.register(new VectorIndexes(transition));
    SourceTables sources =
        new SourceTables(r.get(DuckDbEngine.class), r.get(Metastore.class), r.get(Grants.class));
    VectorSearchSeed.plant(endpoints, indexes, sources);
    return new VectorSearchApi(endpoints, indexes, sources, r.get(Grants.class));
  }
}
