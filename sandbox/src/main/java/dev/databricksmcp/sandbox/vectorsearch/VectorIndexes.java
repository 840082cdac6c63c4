package dev.databricksmcp.sandbox.vectorsearch;

import com.databricks.sdk.service.vectorsearch.MiniVectorIndex;
import com.databricks.sdk.service.vectorsearch.PipelineType;
import com.databricks.sdk.service.vectorsearch.VectorIndex;
import com.databricks.sdk.service.vectorsearch.VectorIndexStatus;
import com.databricks.sdk.service.vectorsearch.VectorIndexType;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ErrorCode;
import dev.databricksmcp.sandbox.http.Json;
import dev.databricksmcp.sandbox.state.PersistentState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Vector indexes and their rows, kept in memory as Java arrays and ranked by {@link Similarity}. A
 * new index is PROVISIONING_INITIAL_SNAPSHOT (not ready) for one transition time; a Delta Sync
 * index's snapshot of its source table becomes its rows then, and a later sync's snapshot one
 * transition time after the sync (ONLINE_TRIGGERED_UPDATE meanwhile, the old rows still served).
 * States are read off the wall clock, no thread. Kept with {@code --sandbox-dir} ({@code
 * state/vector-search-indexes.json}), rows and vectors included.
 */
public final class VectorIndexes implements PersistentState {
  /** One row of an index: its primary key as text, its columns, its vector. */
  public record Row(String key, Map<String, Object> values, float[] vector) {}

  /** A row found by a query, with its score. */
  public record Hit(Row row, double score) {}

  private static final class Kept {
    VectorIndex spec;
    String owner;
    List<String> columns;
    Map<String, Row> rows = new LinkedHashMap<>();
    List<Row> pending;
    long readyAt;
    long pendingAt;
  }

  private final Map<String, Kept> indexes = new LinkedHashMap<>();
  private final long transitionMillis;

  public VectorIndexes(long transitionMillis) {
    this.transitionMillis = transitionMillis;
  }

  /**
   * Registers an index.
   *
   * @param snapshot a Delta Sync index's rows from its source table; null for Direct Access
   */
  public synchronized VectorIndex create(
      VectorIndex spec, String owner, List<String> columns, List<Row> snapshot) {
    if (indexes.containsKey(spec.getName())) {
      throw new ApiException(
          ErrorCode.RESOURCE_ALREADY_EXISTS, "Index " + spec.getName() + " already exists.");
    }
    Kept k = new Kept();
    k.spec = spec;
    k.owner = owner;
    k.columns = List.copyOf(columns);
    k.readyAt = System.currentTimeMillis() + transitionMillis;
    k.pending = snapshot;
    k.pendingAt = k.readyAt;
    indexes.put(spec.getName(), k);
    return current(k);
  }

  public synchronized VectorIndex get(String name) {
    return current(kept(name));
  }

  public synchronized String owner(String name) {
    return kept(name).owner;
  }

  public synchronized IndexLayout layout(String name) {
    Kept k = kept(name);
    return IndexLayout.of(k.spec, k.columns);
  }

  public synchronized List<MiniVectorIndex> list(String endpointName) {
    List<MiniVectorIndex> out = new ArrayList<>();
    for (Kept k : indexes.values()) {
      if (k.spec.getEndpointName().equals(endpointName)) {
        out.add(Json.MAPPER.convertValue(mini(k.spec), MiniVectorIndex.class));
      }
    }
    return out;
  }

  public synchronized long countOn(String endpointName) {
    return indexes.values().stream()
        .filter(k -> k.spec.getEndpointName().equals(endpointName))
        .count();
  }

  public synchronized void delete(String name) {
    kept(name);
    indexes.remove(name);
  }

  public synchronized void deleteOn(String endpointName) {
    indexes.values().removeIf(k -> k.spec.getEndpointName().equals(endpointName));
  }

  /** A triggered sync: the source's rows as they are now replace the index's after a while. */
  public synchronized void sync(String name, List<Row> snapshot) {
    Kept k = kept(name);
    settle(k);
    k.pending = snapshot;
    k.pendingAt = Math.max(k.readyAt, System.currentTimeMillis() + transitionMillis);
  }

  /** Skips the initial snapshot's wait (the seeded index is ready from the start). */
  synchronized void markReady(String name) {
    Kept k = kept(name);
    k.readyAt = 0;
    k.pendingAt = 0;
    settle(k);
  }

  public synchronized boolean ready(String name) {
    return System.currentTimeMillis() >= kept(name).readyAt;
  }

  public synchronized void upsert(String name, List<Row> rows) {
    Kept k = kept(name);
    rows.forEach(r -> k.rows.put(r.key(), r));
  }

  /** Removes the rows with these keys; answers how many were there. */
  public synchronized int deleteRows(String name, List<String> keys) {
    Kept k = kept(name);
    int n = 0;
    for (String key : keys) {
      if (k.rows.remove(key) != null) {
        n++;
      }
    }
    return n;
  }

  /** The rows nearest to {@code query} among those {@code filter} keeps, best first. */
  public synchronized List<Hit> search(
      String name, float[] query, Predicate<Map<String, Object>> filter, int limit) {
    Kept k = kept(name);
    settle(k);
    return k.rows.values().stream()
        .filter(r -> filter.test(r.values()))
        .map(r -> new Hit(r, Similarity.score(query, r.vector())))
        .sorted(Comparator.comparingDouble(Hit::score).reversed())
        .limit(limit)
        .toList();
  }

  private Kept kept(String name) {
    Kept k = indexes.get(name);
    if (k == null) {
      throw new ApiException(
          ErrorCode.RESOURCE_DOES_NOT_EXIST, "Vector index " + name + " does not exist.");
    }
    return k;
  }

  /** Applies a snapshot whose time has come. */
  private static void settle(Kept k) {
    if (k.pending != null && System.currentTimeMillis() >= k.pendingAt) {
      k.rows.clear();
      k.pending.forEach(r -> k.rows.put(r.key(), r));
      k.pending = null;
    }
  }

  private VectorIndex current(Kept k) {
    settle(k);
    boolean ready = System.currentTimeMillis() >= k.readyAt;
    VectorIndex copy = Json.MAPPER.convertValue(k.spec, VectorIndex.class);
    return copy.setStatus(
        new VectorIndexStatus()
            .setReady(ready)
            .setIndexedRowCount((long) k.rows.size())
            .setMessage(message(k, ready)));
  }

  /**
   * The index's detailed state, first word of the status message (the SDK's status has no field for
   * it).
   */
  private static String message(Kept k, boolean ready) {
    if (!ready) {
      return "PROVISIONING_INITIAL_SNAPSHOT: the index is being built; it can be queried once ready.";
    }
    if (k.spec.getIndexType() == VectorIndexType.DIRECT_ACCESS) {
      return "ONLINE_DIRECT_ACCESS: the index is ready; write rows with upsert-data.";
    }
    if (k.pending != null) {
      return "ONLINE_TRIGGERED_UPDATE: a sync is under way; queries read the rows synced before.";
    }
    if (k.spec.getDeltaSyncIndexSpec().getPipelineType() == PipelineType.CONTINUOUS) {
      return "ONLINE_CONTINUOUS_UPDATE: the index is ready and follows its source table.";
    }
    return "ONLINE_NO_PENDING_UPDATE: the index is ready; sync it after its source table changes.";
  }

  private static ObjectNode mini(VectorIndex spec) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("name", spec.getName());
    n.put("endpoint_name", spec.getEndpointName());
    n.put("index_type", spec.getIndexType().toString());
    n.put("primary_key", spec.getPrimaryKey());
    n.put("creator", spec.getCreator());
    return n;
  }

  @Override
  public String persistenceName() {
    return "vector-search-indexes";
  }

  @Override
  public synchronized JsonNode save() {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (Kept k : indexes.values()) {
      settle(k);
      ObjectNode n = out.addObject();
      n.set("spec", Json.MAPPER.valueToTree(k.spec));
      n.put("owner", k.owner);
      n.set("columns", Json.MAPPER.valueToTree(k.columns));
      List<Row> rows = new ArrayList<>(k.pending != null ? k.pending : k.rows.values());
      n.set("rows", Json.MAPPER.valueToTree(rows));
    }
    return out;
  }

  @Override
  public synchronized void restore(JsonNode saved) {
    indexes.clear();
    for (JsonNode n : saved) {
      Kept k = new Kept();
      k.spec = Json.MAPPER.convertValue(n.get("spec"), VectorIndex.class);
      k.owner = n.get("owner").asText();
      k.columns = Json.MAPPER.convertValue(n.get("columns"), new TypeReference<List<String>>() {});
      for (Row r : Json.MAPPER.convertValue(n.get("rows"), new TypeReference<List<Row>>() {})) {
        k.rows.put(r.key(), r);
      }
      indexes.put(k.spec.getName(), k);
    }
  }
}
