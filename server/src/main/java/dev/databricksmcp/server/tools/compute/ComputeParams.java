package dev.databricksmcp.server.tools.compute;

import dev.databricksmcp.server.core.Param;

/** The parameters the compute tools share, declared once. */
final class ComputeParams {
  /**
   * The cluster a tool acts on, by id or by name (exact, any case): resolved with {@link
   * ClusterResolver}, so not checked as an id here.
   */
  static final Param<String> CLUSTER_ID =
      Param.string("cluster_id", "Cluster id, or its name (exact, any case)").required();

  /** How long a state change waits for the new state. */
  static final Param<Integer> WAIT_SECONDS =
      Param.integer(
              "wait_seconds", "How long to wait for the new state ({min}-{max}; 0: do not wait)")
          .range(0, 120)
          .withDefault(30);

  /** A fixed number of workers (0: a single-node cluster, the driver only). */
  static final Param<Integer> NUM_WORKERS =
      Param.integer("num_workers", "Fixed number of workers ({min}-{max})").range(0, 10_000);

  /** The lower bound of autoscaling; given with max_workers. */
  static final Param<Integer> MIN_WORKERS =
      Param.integer("min_workers", "Autoscaling: fewest workers (with max_workers)")
          .range(0, 10_000);

  /** The upper bound of autoscaling; given with min_workers. */
  static final Param<Integer> MAX_WORKERS =
      Param.integer("max_workers", "Autoscaling: most workers (with min_workers)").range(1, 10_000);

  /** Idle minutes before Databricks terminates the cluster. */
  static final Param<Integer> AUTOTERMINATION =
      Param.integer(
              "autotermination_minutes",
              "Terminate after this many idle minutes (0 = never, else 10-{max}; default"
                  + " {default})")
          .range(0, 10_000)
          .withDefault(60);

  static final Param<String> SPARK_VERSION =
      Param.string("spark_version", "Runtime key from list_spark_versions, e.g. 15.4.x-scala2.12");

  static final Param<String> NODE_TYPE_ID =
      Param.string("node_type_id", "Node type from list_node_types, e.g. m5d.large");

  static final Param<java.util.Map<String, Object>> SPARK_CONF =
      Param.object("spark_conf", "Spark configuration key-value pairs");

  static final Param<java.util.Map<String, Object>> CUSTOM_TAGS =
      Param.object("custom_tags", "Tags on the cluster's cloud resources (key-value pairs)");

  private ComputeParams() {}
}
