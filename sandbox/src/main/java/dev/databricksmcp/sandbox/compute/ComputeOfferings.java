package dev.databricksmcp.sandbox.compute;

import com.databricks.sdk.service.compute.NodeInstanceType;
import com.databricks.sdk.service.compute.NodeType;
import com.databricks.sdk.service.compute.SparkVersion;
import java.util.List;
import java.util.Optional;

/**
 * What a cluster can be made of, shaped like an AWS workspace's answers: a handful of node types
 * (general purpose, memory, compute and storage optimized, one GPU) and the runtime versions a user
 * picks from, named as Databricks names them ({@code 15.4.x-scala2.12}, {@code 15.4 LTS (includes
 * Apache Spark 3.5.0, Scala 2.12)}; ML runtimes carry {@code -cpu-ml-} or {@code -gpu-ml-} in the
 * key and {@code ML} in the name).
 */
public final class ComputeOfferings {
  /** The smallest general-purpose node type, what a one-node cluster defaults to. */
  public static final String SMALLEST_NODE_TYPE = "m5d.large";

  /** The latest long-term-support runtime. */
  public static final String LATEST_LTS = "17.3.x-scala2.13";

  private static final List<NodeType> NODE_TYPES =
      List.of(
          node("m5d.large", 2, 8192, "General Purpose", 1, 75, 0, 1),
          node("m5d.xlarge", 4, 16384, "General Purpose", 1, 150, 0, 2),
          node("m5d.2xlarge", 8, 32768, "General Purpose", 1, 300, 0, 3),
          node("r5d.xlarge", 4, 32768, "Memory Optimized", 1, 150, 0, 4),
          node("c5d.xlarge", 4, 8192, "Compute Optimized", 1, 100, 0, 5),
          node("i3.xlarge", 4, 31232, "Storage Optimized", 1, 950, 0, 6),
          node("g4dn.xlarge", 4, 16384, "GPU Accelerated", 1, 125, 1, 7));

  private static final List<SparkVersion> SPARK_VERSIONS =
      List.of(
          version(LATEST_LTS, "17.3 LTS (includes Apache Spark 4.0.0, Scala 2.13)"),
          version(
              "17.3.x-cpu-ml-scala2.13", "17.3 LTS ML (includes Apache Spark 4.0.0, Scala 2.13)"),
          version(
              "17.3.x-gpu-ml-scala2.13",
              "17.3 LTS ML (includes Apache Spark 4.0.0, GPU, Scala 2.13)"),
          version("17.0.x-scala2.13", "17.0 (includes Apache Spark 4.0.0, Scala 2.13)"),
          version("16.4.x-scala2.12", "16.4 LTS (includes Apache Spark 3.5.2, Scala 2.12)"),
          version("16.4.x-scala2.13", "16.4 LTS (includes Apache Spark 3.5.2, Scala 2.13)"),
          version(
              "16.4.x-cpu-ml-scala2.12", "16.4 LTS ML (includes Apache Spark 3.5.2, Scala 2.12)"),
          version(
              "16.4.x-gpu-ml-scala2.12",
              "16.4 LTS ML (includes Apache Spark 3.5.2, GPU, Scala 2.12)"),
          version("16.3.x-scala2.12", "16.3 (includes Apache Spark 3.5.2, Scala 2.12)"),
          version("15.4.x-scala2.12", "15.4 LTS (includes Apache Spark 3.5.0, Scala 2.12)"),
          version(
              "15.4.x-cpu-ml-scala2.12", "15.4 LTS ML (includes Apache Spark 3.5.0, Scala 2.12)"),
          version(
              "15.4.x-gpu-ml-scala2.12",
              "15.4 LTS ML (includes Apache Spark 3.5.0, GPU, Scala 2.12)"),
          version("14.3.x-scala2.12", "14.3 LTS (includes Apache Spark 3.5.0, Scala 2.12)"));

  private ComputeOfferings() {}

  public static List<NodeType> nodeTypes() {
    return NODE_TYPES;
  }

  public static List<SparkVersion> sparkVersions() {
    return SPARK_VERSIONS;
  }

  public static Optional<NodeType> nodeType(String id) {
    return NODE_TYPES.stream().filter(n -> n.getNodeTypeId().equals(id)).findFirst();
  }

  public static boolean isSparkVersion(String key) {
    return SPARK_VERSIONS.stream().anyMatch(v -> v.getKey().equals(key));
  }

  private static SparkVersion version(String key, String name) {
    return new SparkVersion().setKey(key).setName(name);
  }

  private static NodeType node(
      String id,
      double cores,
      long memoryMb,
      String category,
      long localDisks,
      long diskGb,
      long gpus,
      long order) {
    return new NodeType()
        .setNodeTypeId(id)
        .setInstanceTypeId(id)
        .setNumCores(cores)
        .setMemoryMb(memoryMb)
        .setNumGpus(gpus)
        .setCategory(category)
        .setDescription(id)
        .setDisplayOrder(order)
        .setIsDeprecated(false)
        .setIsHidden(false)
        .setIsEncryptedInTransit(false)
        .setIsIoCacheEnabled(category.equals("Storage Optimized"))
        .setIsGraviton(false)
        .setSupportClusterTags(true)
        .setSupportEbsVolumes(true)
        .setSupportPortForwarding(true)
        .setPhotonDriverCapable(gpus == 0)
        .setPhotonWorkerCapable(gpus == 0)
        .setNodeInstanceType(
            new NodeInstanceType()
                .setInstanceTypeId(id)
                .setLocalDisks(localDisks)
                .setLocalDiskSizeGb(diskGb));
  }
}
