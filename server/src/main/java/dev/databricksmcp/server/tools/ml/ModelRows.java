package dev.databricksmcp.server.tools.ml;

import com.databricks.sdk.service.catalog.ModelVersionInfo;
import com.databricks.sdk.service.catalog.RegisteredModelAlias;
import com.databricks.sdk.service.catalog.RegisteredModelInfo;
import dev.databricksmcp.server.core.Times;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Registered models and versions as the tools show them (docs/OUTPUT.md): the same names in a list
 * row and a get, aliases in words ("champion → v2") on a model and by name on a version.
 */
final class ModelRows {
  private ModelRows() {}

  /** A model in a list: what a model needs to choose one. */
  static Map<String, Object> model(RegisteredModelInfo m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", m.getName());
    out.put("full_name", m.getFullName());
    putIf(out, "owner", m.getOwner());
    putIf(out, "comment", m.getComment());
    putIf(out, "aliases", aliasesInWords(m.getAliases()));
    putIf(out, "updated_at", Times.iso(m.getUpdatedAt()));
    return out;
  }

  /** A model in full. */
  static Map<String, Object> modelDetail(RegisteredModelInfo m) {
    Map<String, Object> out = model(m);
    putIf(out, "catalog_name", m.getCatalogName());
    putIf(out, "schema_name", m.getSchemaName());
    putIf(out, "created_at", Times.iso(m.getCreatedAt()));
    putIf(out, "created_by", m.getCreatedBy());
    putIf(out, "updated_by", m.getUpdatedBy());
    putIf(out, "storage_location", m.getStorageLocation());
    return out;
  }

  /** A version in a list. */
  static Map<String, Object> version(ModelVersionInfo v) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("version", v.getVersion());
    putIf(out, "status", v.getStatus() == null ? null : v.getStatus().toString());
    putIf(out, "aliases", aliasNames(v.getAliases()));
    putIf(out, "run_id", v.getRunId());
    putIf(out, "created_at", Times.iso(v.getCreatedAt()));
    putIf(out, "comment", v.getComment());
    return out;
  }

  /** A version in full. */
  static Map<String, Object> versionDetail(ModelVersionInfo v) {
    Map<String, Object> out = version(v);
    putIf(out, "full_name", fullName(v));
    putIf(out, "source", v.getSource());
    putIf(out, "storage_location", v.getStorageLocation());
    putIf(out, "created_by", v.getCreatedBy());
    putIf(out, "updated_at", Times.iso(v.getUpdatedAt()));
    putIf(out, "updated_by", v.getUpdatedBy());
    return out;
  }

  /** The model a version belongs to, catalog.schema.model. */
  static String fullName(ModelVersionInfo v) {
    return v.getCatalogName() == null
        ? null
        : v.getCatalogName() + "." + v.getSchemaName() + "." + v.getModelName();
  }

  /** "champion → v2", by alias. */
  static List<String> aliasesInWords(Collection<RegisteredModelAlias> aliases) {
    return aliases == null
        ? List.of()
        : aliases.stream()
            .sorted(Comparator.comparing(RegisteredModelAlias::getAliasName))
            .map(a -> a.getAliasName() + " → v" + a.getVersionNum())
            .toList();
  }

  /** The version an alias points to, or null when the model has no such alias. */
  static Long versionOf(Collection<RegisteredModelAlias> aliases, String alias) {
    if (aliases == null) {
      return null;
    }
    return aliases.stream()
        .filter(a -> alias.equals(a.getAliasName()))
        .map(RegisteredModelAlias::getVersionNum)
        .findFirst()
        .orElse(null);
  }

  private static List<String> aliasNames(Collection<RegisteredModelAlias> aliases) {
    return aliases == null
        ? List.of()
        : aliases.stream().map(RegisteredModelAlias::getAliasName).sorted().toList();
  }

  private static void putIf(Map<String, Object> out, String key, Object value) {
    if (value != null && !(value instanceof Collection<?> c && c.isEmpty())) {
      out.put(key, value);
    }
  }
}
