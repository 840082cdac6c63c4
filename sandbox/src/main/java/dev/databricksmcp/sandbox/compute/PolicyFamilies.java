package dev.databricksmcp.sandbox.compute;

import com.databricks.sdk.service.compute.PolicyFamily;
import java.util.List;
import java.util.Optional;

/**
 * The policy families a workspace comes with (https://docs.databricks.com/api/policy-families/v2/
 * policy-family.md): Databricks-managed templates a policy inherits its definition from ({@code
 * policy_family_id}), customised with {@code policy_family_definition_overrides}. Ids and names are
 * those of a real workspace; the definitions are shaped like theirs, written in the sandbox's own
 * offerings (node types, runtimes).
 */
public final class PolicyFamilies {
  public static final String PERSONAL = "personal-vm";
  public static final String SHARED = "shared-compute";
  public static final String POWER_USER = "power-user";
  public static final String JOB = "job-cluster";

  private static final String NODES =
      "[\"m5d.large\", \"m5d.xlarge\", \"m5d.2xlarge\", \"r5d.xlarge\", \"c5d.xlarge\"]";

  private static final List<PolicyFamily> FAMILIES =
      List.of(
          family(
              JOB,
              "Job Compute",
              "For jobs: compute that exists for the run of a job and is not shared with"
                  + " interactive users.",
              "{\"cluster_type\": {\"type\": \"fixed\", \"value\": \"job\"},"
                  + " \"spark_version\": {\"type\": \"unlimited\", \"defaultValue\":"
                  + " \"auto:latest-lts\"},"
                  + " \"node_type_id\": {\"type\": \"unlimited\", \"defaultValue\": \"m5d.xlarge\","
                  + " \"isOptional\": true},"
                  + " \"num_workers\": {\"type\": \"unlimited\", \"defaultValue\": 4,"
                  + " \"isOptional\": true},"
                  + " \"custom_tags.ResourceClass\": {\"type\": \"fixed\", \"value\":"
                  + " \"default\", \"hidden\": true}}"),
          family(
              PERSONAL,
              "Personal Compute",
              "A single-node cluster for one user: small to medium data, Spark in local mode,"
                  + " libraries such as pandas and scikit-learn.",
              "{\"cluster_type\": {\"type\": \"fixed\", \"value\": \"all-purpose\"},"
                  + " \"num_workers\": {\"type\": \"fixed\", \"value\": 0, \"hidden\": true},"
                  + " \"spark_conf.spark.databricks.cluster.profile\": {\"type\": \"fixed\","
                  + " \"value\": \"singleNode\", \"hidden\": true},"
                  + " \"spark_conf.spark.master\": {\"type\": \"fixed\", \"value\": \"local[*]\","
                  + " \"hidden\": true},"
                  + " \"custom_tags.ResourceClass\": {\"type\": \"fixed\", \"value\":"
                  + " \"SingleNode\", \"hidden\": true},"
                  + " \"data_security_mode\": {\"type\": \"allowlist\", \"values\":"
                  + " [\"SINGLE_USER\", \"LEGACY_SINGLE_USER\"], \"defaultValue\":"
                  + " \"SINGLE_USER\", \"hidden\": true},"
                  + " \"spark_version\": {\"type\": \"unlimited\", \"defaultValue\":"
                  + " \"auto:latest-lts\"},"
                  + " \"node_type_id\": {\"type\": \"allowlist\", \"values\": "
                  + NODES
                  + ", \"defaultValue\": \"m5d.large\"},"
                  + " \"autotermination_minutes\": {\"type\": \"unlimited\", \"defaultValue\":"
                  + " 4320, \"isOptional\": true},"
                  + " \"instance_pool_id\": {\"type\": \"forbidden\", \"hidden\": true},"
                  + " \"driver_instance_pool_id\": {\"type\": \"forbidden\", \"hidden\": true}}"),
          family(
              POWER_USER,
              "Power User Compute",
              "An autoscaling cluster for one user with larger data; Unity Catalog, single"
                  + " user access mode.",
              "{\"cluster_type\": {\"type\": \"fixed\", \"value\": \"all-purpose\"},"
                  + " \"data_security_mode\": {\"type\": \"fixed\", \"value\": \"SINGLE_USER\","
                  + " \"hidden\": true},"
                  + " \"spark_version\": {\"type\": \"unlimited\", \"defaultValue\":"
                  + " \"auto:latest-lts-ml\"},"
                  + " \"node_type_id\": {\"type\": \"allowlist\", \"values\": "
                  + NODES
                  + ", \"defaultValue\": \"m5d.xlarge\"},"
                  + " \"autoscale.min_workers\": {\"type\": \"fixed\", \"value\": 1,"
                  + " \"hidden\": true},"
                  + " \"autoscale.max_workers\": {\"type\": \"range\", \"maxValue\": 10,"
                  + " \"defaultValue\": 4},"
                  + " \"autotermination_minutes\": {\"type\": \"range\", \"minValue\": 10,"
                  + " \"maxValue\": 4320, \"defaultValue\": 120}}"),
          family(
              SHARED,
              "Shared Compute",
              "A multi-node cluster several users share, with Unity Catalog's standard (shared)"
                  + " access mode.",
              "{\"cluster_type\": {\"type\": \"fixed\", \"value\": \"all-purpose\"},"
                  + " \"data_security_mode\": {\"type\": \"fixed\", \"value\":"
                  + " \"USER_ISOLATION\", \"hidden\": true},"
                  + " \"spark_version\": {\"type\": \"unlimited\", \"defaultValue\":"
                  + " \"auto:latest-lts\"},"
                  + " \"node_type_id\": {\"type\": \"allowlist\", \"values\": "
                  + NODES
                  + ", \"defaultValue\": \"m5d.xlarge\"},"
                  + " \"autoscale.min_workers\": {\"type\": \"fixed\", \"value\": 1,"
                  + " \"hidden\": true},"
                  + " \"autoscale.max_workers\": {\"type\": \"range\", \"maxValue\": 20,"
                  + " \"defaultValue\": 8},"
                  + " \"autotermination_minutes\": {\"type\": \"range\", \"minValue\": 10,"
                  + " \"maxValue\": 4320, \"defaultValue\": 120}}"));

  private PolicyFamilies() {}

  /** Every family, ordered by id. */
  public static List<PolicyFamily> all() {
    return FAMILIES;
  }

  public static Optional<PolicyFamily> get(String id) {
    return FAMILIES.stream().filter(f -> f.getPolicyFamilyId().equals(id)).findFirst();
  }

  private static PolicyFamily family(String id, String name, String description, String def) {
    PolicyRules.parse(def);
    return new PolicyFamily()
        .setPolicyFamilyId(id)
        .setName(name)
        .setDescription(description)
        .setDefinition(def);
  }
}
