package dev.databricksmcp.sandbox;

import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.state.StateRegistry;

/**
 * One area of the Databricks REST API as the sandbox plugs it in: built once, after DuckDB is
 * locked, from the state it takes from the registry (and any state of its own it registers there).
 * Every area is one entry of {@link ApiAreas#ALL}.
 */
@FunctionalInterface
public interface ApiArea {
  ApiModule build(StateRegistry registry);
}
