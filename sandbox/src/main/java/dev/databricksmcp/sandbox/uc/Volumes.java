package dev.databricksmcp.sandbox.uc;

import com.databricks.sdk.service.catalog.VolumeInfo;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.http.Json;
import dev.databricksmcp.sandbox.state.PersistentState;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The workspace's Unity Catalog volumes (metadata only: files are not stored), by lower-case full
 * name. DuckDB knows nothing of them, so they live here.
 */
public final class Volumes implements PersistentState, DropCascade.Dependent {
  private final Map<String, VolumeInfo> volumes = new ConcurrentSkipListMap<>();

  /** The volume of this full name, or null when there is none. */
  public VolumeInfo get(String fullName) {
    return volumes.get(key(fullName));
  }

  public boolean contains(String fullName) {
    return volumes.containsKey(key(fullName));
  }

  public void add(VolumeInfo volume) {
    volumes.put(key(volume.getFullName()), volume);
  }

  public void remove(String fullName) {
    volumes.remove(key(fullName));
  }

  /** The volumes of one schema, by name. */
  public List<VolumeInfo> inSchema(String catalog, String schema) {
    String prefix = key(catalog + "." + schema + ".");
    return volumes.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .map(Map.Entry::getValue)
        .toList();
  }

  @Override
  public String persistenceName() {
    return "volumes";
  }

  /** As the API answers them, in the SDK's own shape. */
  @Override
  public JsonNode save() {
    return Json.MAPPER.valueToTree(List.copyOf(volumes.values()));
  }

  @Override
  public void restore(JsonNode saved) {
    volumes.clear();
    Json.MAPPER.convertValue(saved, new TypeReference<List<VolumeInfo>>() {}).forEach(this::add);
  }

  @Override
  public boolean holdsObjectsIn(String schemaFullName) {
    return volumes.keySet().stream().anyMatch(k -> k.startsWith(schemaFullName + "."));
  }

  @Override
  public void dropped(String fullName) {
    volumes.keySet().removeIf(k -> DropCascade.isAtOrUnder(k, fullName));
  }

  private static String key(String fullName) {
    return fullName.toLowerCase(Locale.ROOT);
  }
}
