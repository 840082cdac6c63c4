package dev.databricksmcp.sandbox.pipelines;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order a pipeline's flows run in: each dataset after the datasets of the same pipeline it
 * reads (a name of one part, or one naming the pipeline's catalog and schema), as Databricks
 * resolves the graph before it runs anything. A name defined twice, or datasets that read each
 * other in a circle, make the graph invalid.
 */
final class FlowOrder {
  private FlowOrder() {}

  /** The datasets in an order where each comes after those it reads. */
  static List<Dataset> of(List<Dataset> datasets, String catalog, String schema)
      throws DatasetSql.Unsupported {
    Map<String, Dataset> byName = new LinkedHashMap<>();
    for (Dataset d : datasets) {
      if (byName.put(d.name(), d) != null) {
        throw new DatasetSql.Unsupported(
            "Dataset " + d.name() + " is defined more than once (in " + d.source() + ").");
      }
    }
    List<Dataset> out = new ArrayList<>();
    Set<String> done = new HashSet<>();
    for (Dataset d : datasets) {
      visit(d, byName, catalog, schema, done, new ArrayList<>(), out);
    }
    return out;
  }

  /** The pipeline's own dataset a name read by a query stands for; null when it names another. */
  static String own(String read, String catalog, String schema, Set<String> names) {
    String[] p = read.split("\\.");
    String name = p[p.length - 1];
    boolean ours =
        switch (p.length) {
          case 1 -> true;
          case 2 -> p[0].equals(schema);
          default -> p[0].equals(catalog) && p[1].equals(schema);
        };
    return ours && names.contains(name) ? name : null;
  }

  private static void visit(
      Dataset d,
      Map<String, Dataset> byName,
      String catalog,
      String schema,
      Set<String> done,
      List<String> path,
      List<Dataset> out)
      throws DatasetSql.Unsupported {
    if (done.contains(d.name())) {
      return;
    }
    if (path.contains(d.name())) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(d.name()), path.size()));
      cycle.add(d.name());
      throw new DatasetSql.Unsupported(
          "The pipeline's datasets read each other in a cycle: "
              + String.join(" -> ", cycle)
              + ".");
    }
    path.add(d.name());
    for (String read : d.reads()) {
      String own = own(read, catalog, schema, byName.keySet());
      if (own != null && !own.equals(d.name())) {
        visit(byName.get(own), byName, catalog, schema, done, path, out);
      }
    }
    path.remove(path.size() - 1);
    done.add(d.name());
    out.add(d);
  }
}
