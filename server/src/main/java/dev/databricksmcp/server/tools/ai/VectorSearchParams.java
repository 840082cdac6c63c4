package dev.databricksmcp.server.tools.ai;

import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Params;

/** The parameters the vector search tools share. */
final class VectorSearchParams {
  static final Param<String> ENDPOINT_NAME =
      Param.string("endpoint_name", "Vector search endpoint name (list_vector_search_endpoints)")
          .required();

  static final Param<String> INDEX_NAME =
      Params.fullName(
          "index_name", "Vector index, catalog.schema.index (list_vector_search_indexes)", 3);

  /** How long a create waits for ONLINE. */
  static final Param<Integer> WAIT_SECONDS =
      Param.integer(
              "wait_seconds",
              "How long to wait until it is ONLINE ({min}-{max}; 0: do not wait; default"
                  + " {default})")
          .range(0, 120)
          .withDefault(0);

  private VectorSearchParams() {}
}
