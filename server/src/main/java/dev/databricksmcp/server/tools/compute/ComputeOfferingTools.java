package dev.databricksmcp.server.tools.compute;

import com.databricks.sdk.service.compute.NodeType;
import com.databricks.sdk.service.compute.SparkVersion;
import dev.databricksmcp.server.core.Pages;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolHints;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a cluster is made of: the node types and the runtime (Spark) versions a user picks from, in
 * compact rows, and the defaults {@code create_cluster} picks from them (the latest LTS runtime,
 * the smallest general-purpose node type).
 */
final class ComputeOfferingTools {
  private static final Param<String> FILTER =
      Param.string("filter", "Only rows whose id, name or category contains this text (any case)");

  private static final Param<Boolean> LTS_ONLY =
      Param.bool("lts_only", "Only long-term-support runtimes").withDefault(false);

  private static final Param<Boolean> INCLUDE_ML =
      Param.bool("include_ml", "Include the ML runtimes").withDefault(true);

  /** {@code 15.4.x-…}: the major and minor of a runtime key. */
  private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)\\.");

  /** {@code scala2.13}: the Scala version of a runtime key. */
  private static final Pattern SCALA = Pattern.compile("scala(\\d+)\\.(\\d+)");

  private ComputeOfferingTools() {}

  static List<ToolDef> definitions() {
    return List.of(nodeTypes(), sparkVersions());
  }

  static ToolDef nodeTypes() {
    return ToolDef.builder(ComputeToolset.ID, "list_node_types")
        .title("List cluster node types")
        .description(
            "The node types a cluster can use (deprecated and hidden ones left out), in the"
                + " workspace's display order: node_type_id, category, cores, memory, GPUs."
                + " default=true marks the one create_cluster picks when none is given.")
        .input(Schema.of(FILTER))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              Collection<NodeType> all = nodeTypesOf(ctx.workspace());
              String chosen = smallestGeneralPurpose(all).map(NodeType::getNodeTypeId).orElse(null);
              String filter = FILTER.optional(args).map(ComputeOfferingTools::lower).orElse(null);
              List<Map<String, Object>> rows = new ArrayList<>();
              all.stream()
                  .filter(n -> !Boolean.TRUE.equals(n.getIsDeprecated()))
                  .filter(n -> !Boolean.TRUE.equals(n.getIsHidden()))
                  .filter(
                      n ->
                          filter == null
                              || lower(n.getNodeTypeId()).contains(filter)
                              || lower(n.getCategory()).contains(filter))
                  .sorted(
                      Comparator.comparing(
                              (NodeType n) ->
                                  n.getDisplayOrder() == null
                                      ? Long.MAX_VALUE
                                      : n.getDisplayOrder())
                          .thenComparing(n -> n.getMemoryMb() == null ? 0L : n.getMemoryMb()))
                  .forEach(n -> rows.add(nodeRow(n, n.getNodeTypeId().equals(chosen))));
              return Pages.page("node types", rows, null);
            })
        .build();
  }

  static ToolDef sparkVersions() {
    return ToolDef.builder(ComputeToolset.ID, "list_spark_versions")
        .title("List Databricks runtime versions")
        .description(
            "The Databricks runtime versions a cluster can run, newest first: key (what"
                + " spark_version takes), name, lts, ml, gpu. default=true marks the latest LTS"
                + " runtime, which create_cluster picks when none is given.")
        .input(Schema.of(FILTER, LTS_ONLY, INCLUDE_ML))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              Collection<SparkVersion> all = sparkVersionsOf(ctx.workspace());
              String chosen = latestLts(all).map(SparkVersion::getKey).orElse(null);
              String filter = FILTER.optional(args).map(ComputeOfferingTools::lower).orElse(null);
              boolean ltsOnly = LTS_ONLY.of(args);
              boolean ml = INCLUDE_ML.of(args);
              List<Map<String, Object>> rows = new ArrayList<>();
              all.stream()
                  .filter(v -> !ltsOnly || isLts(v))
                  .filter(v -> ml || !isMl(v))
                  .filter(
                      v ->
                          filter == null
                              || lower(v.getKey()).contains(filter)
                              || lower(v.getName()).contains(filter))
                  .sorted(NEWEST_FIRST)
                  .forEach(v -> rows.add(versionRow(v, v.getKey().equals(chosen))));
              return Pages.page("runtime versions", rows, null);
            })
        .build();
  }

  private static Map<String, Object> nodeRow(NodeType n, boolean chosen) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("node_type_id", n.getNodeTypeId());
    out.put("category", n.getCategory());
    out.put("num_cores", n.getNumCores());
    out.put("memory_mb", n.getMemoryMb());
    out.put("num_gpus", n.getNumGpus() == null ? 0L : n.getNumGpus());
    if (chosen) {
      out.put("default", true);
    }
    return out;
  }

  private static Map<String, Object> versionRow(SparkVersion v, boolean chosen) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("key", v.getKey());
    out.put("name", v.getName());
    out.put("lts", isLts(v));
    out.put("ml", isMl(v));
    out.put("gpu", isGpu(v));
    if (chosen) {
      out.put("default", true);
    }
    return out;
  }

  static Collection<NodeType> nodeTypesOf(com.databricks.sdk.WorkspaceClient w) {
    Collection<NodeType> all = w.clusters().listNodeTypes().getNodeTypes();
    return all == null ? List.of() : all;
  }

  static Collection<SparkVersion> sparkVersionsOf(com.databricks.sdk.WorkspaceClient w) {
    Collection<SparkVersion> all = w.clusters().sparkVersions().getVersions();
    return all == null ? List.of() : all;
  }

  /**
   * The node type a cluster gets when none is given: the smallest (memory, then cores) usable
   * general-purpose one without GPUs; the smallest usable one without GPUs when there is none.
   */
  static Optional<NodeType> smallestGeneralPurpose(Collection<NodeType> all) {
    Comparator<NodeType> smallest =
        Comparator.comparing(
                (NodeType n) -> n.getMemoryMb() == null ? Long.MAX_VALUE : n.getMemoryMb())
            .thenComparing(n -> n.getNumCores() == null ? Double.MAX_VALUE : n.getNumCores());
    List<NodeType> usable =
        all.stream()
            .filter(n -> !Boolean.TRUE.equals(n.getIsDeprecated()))
            .filter(n -> !Boolean.TRUE.equals(n.getIsHidden()))
            .filter(n -> n.getNumGpus() == null || n.getNumGpus() == 0)
            .toList();
    Optional<NodeType> general =
        usable.stream().filter(n -> lower(n.getCategory()).contains("general")).min(smallest);
    return general.isPresent() ? general : usable.stream().min(smallest);
  }

  /**
   * The runtime a cluster gets when none is given: the newest long-term-support runtime that is not
   * ML, GPU, Photon-only or ARM, the newest Scala among its builds.
   */
  static Optional<SparkVersion> latestLts(Collection<SparkVersion> all) {
    return all.stream()
        .filter(ComputeOfferingTools::isLts)
        .filter(v -> !isMl(v) && !isGpu(v))
        .filter(
            v -> !lower(v.getKey()).contains("photon") && !lower(v.getKey()).contains("aarch64"))
        .filter(v -> VERSION.matcher(v.getKey()).find())
        .min(NEWEST_FIRST);
  }

  /** Newest runtime first (major, minor, then Scala), the plain runtime before its ML builds. */
  private static final Comparator<SparkVersion> NEWEST_FIRST =
      Comparator.comparing((SparkVersion v) -> number(VERSION, v.getKey(), 1))
          .thenComparing(v -> number(VERSION, v.getKey(), 2))
          .reversed()
          .thenComparing(ComputeOfferingTools::isMl)
          .thenComparing(ComputeOfferingTools::isGpu)
          .thenComparing(
              Comparator.comparing((SparkVersion v) -> number(SCALA, v.getKey(), 1))
                  .thenComparing(v -> number(SCALA, v.getKey(), 2))
                  .reversed());

  private static int number(Pattern p, String key, int group) {
    Matcher m = p.matcher(key == null ? "" : key);
    return m.find() ? Integer.parseInt(m.group(group)) : -1;
  }

  static boolean isLts(SparkVersion v) {
    return v.getName() != null && v.getName().contains("LTS");
  }

  static boolean isMl(SparkVersion v) {
    return lower(v.getKey()).contains("-ml-") || v.getName() != null && v.getName().contains(" ML");
  }

  static boolean isGpu(SparkVersion v) {
    return lower(v.getKey()).contains("gpu") || v.getName() != null && v.getName().contains("GPU");
  }

  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }
}
