package dev.databricksmcp.sandbox.uc;

import com.databricks.sdk.service.catalog.VolumeInfo;
import dev.databricksmcp.sandbox.state.SandboxState;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The workspace's Unity Catalog volumes (metadata only: files are not stored), by lower-case full
 * name. DuckDB knows nothing of them, so they live here.
 */
public final class Volumes implements SandboxState, DropCascade.Dependent {
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
