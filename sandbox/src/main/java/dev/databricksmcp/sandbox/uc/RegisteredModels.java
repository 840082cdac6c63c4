package dev.databricksmcp.sandbox.uc;

import com.databricks.sdk.service.catalog.ModelVersionInfo;
import com.databricks.sdk.service.catalog.ModelVersionInfoStatus;
import com.databricks.sdk.service.catalog.RegisteredModelAlias;
import com.databricks.sdk.service.catalog.RegisteredModelInfo;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.http.Json;
import dev.databricksmcp.sandbox.state.PersistentState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The workspace's Unity Catalog registered models, by lower-case full name: each with its versions
 * (numbered from 1, never reused) and its aliases (one version each). Another area (model serving)
 * looks a version up here with {@link #version(String, long)}. A new sandbox has the sample model
 * {@link SampleModels#CHURN}.
 */
public final class RegisteredModels
    implements PersistentState, DropCascade.Dependent, FunctionNamespace {

  /** One model as kept and saved: its info (aliases apart), versions, aliases, last number. */
  record Stored(
      RegisteredModelInfo info,
      List<ModelVersionInfo> versions,
      Map<String, Long> aliases,
      long lastVersion) {}

  private final Map<String, Stored> models = new TreeMap<>();

  public RegisteredModels() {
    SampleModels.addTo(this);
  }

  /** The model of this full name, its aliases included; empty when there is none. */
  public synchronized Optional<RegisteredModelInfo> model(String fullName) {
    return Optional.ofNullable(models.get(key(fullName))).map(RegisteredModels::withAliases);
  }

  /** One version of a model, its aliases included; empty when the model or version is missing. */
  public synchronized Optional<ModelVersionInfo> version(String fullName, long version) {
    Stored m = models.get(key(fullName));
    if (m == null) {
      return Optional.empty();
    }
    return m.versions().stream()
        .filter(v -> v.getVersion() == version)
        .findFirst()
        .map(v -> withAliases(m, v));
  }

  /** The version an alias points to; empty when the model or alias is missing. */
  public synchronized Optional<ModelVersionInfo> versionByAlias(String fullName, String alias) {
    Stored m = models.get(key(fullName));
    if (m == null || !m.aliases().containsKey(alias)) {
      return Optional.empty();
    }
    return version(fullName, m.aliases().get(alias));
  }

  /** Every model, by full name. */
  public synchronized List<RegisteredModelInfo> all() {
    return models.values().stream().map(RegisteredModels::withAliases).toList();
  }

  /** A model's versions, the newest first; empty when there is no such model. */
  public synchronized List<ModelVersionInfo> versions(String fullName) {
    Stored m = models.get(key(fullName));
    if (m == null) {
      return List.of();
    }
    return m.versions().stream()
        .sorted(Comparator.comparing(ModelVersionInfo::getVersion).reversed())
        .map(v -> withAliases(m, v))
        .toList();
  }

  /** Adds a new model (without versions or aliases). */
  public synchronized void add(RegisteredModelInfo info) {
    models.put(
        key(info.getFullName()),
        new Stored(copy(info).setAliases(null), new ArrayList<>(), new TreeMap<>(), 0));
  }

  /**
   * Replaces a model's info (comment, owner, a new name), keeping its versions and aliases; the
   * versions follow a rename.
   */
  public synchronized void replace(String fullName, RegisteredModelInfo info) {
    Stored old = models.remove(key(fullName));
    List<ModelVersionInfo> versions = new ArrayList<>();
    for (ModelVersionInfo v : old.versions()) {
      versions.add(v.setModelName(info.getName()));
    }
    models.put(
        key(info.getFullName()),
        new Stored(copy(info).setAliases(null), versions, old.aliases(), old.lastVersion()));
  }

  public synchronized void remove(String fullName) {
    models.remove(key(fullName));
  }

  /**
   * Registers a new READY version of a model, numbered one past the last ever given (as MLflow's
   * registry does: a deleted number is not reused).
   */
  public synchronized ModelVersionInfo addVersion(
      String fullName, String source, String runId, String comment, String creator, long at) {
    Stored m = models.get(key(fullName));
    if (m == null) {
      throw new IllegalArgumentException("no registered model " + fullName);
    }
    long number = m.lastVersion() + 1;
    String id = UUID.randomUUID().toString();
    ModelVersionInfo v =
        new ModelVersionInfo()
            .setVersion(number)
            .setModelName(m.info().getName())
            .setCatalogName(m.info().getCatalogName())
            .setSchemaName(m.info().getSchemaName())
            .setId(id)
            .setSource(source)
            .setRunId(runId)
            .setComment(comment)
            .setStatus(ModelVersionInfoStatus.READY)
            .setStorageLocation(m.info().getStorageLocation() + "/versions/" + id)
            .setMetastoreId(Metastore.METASTORE_ID)
            .setCreatedAt(at)
            .setCreatedBy(creator)
            .setUpdatedAt(at)
            .setUpdatedBy(creator);
    m.versions().add(v);
    models.put(key(fullName), new Stored(m.info(), m.versions(), m.aliases(), number));
    return withAliases(m, v);
  }

  /** Changes one version's comment. */
  public synchronized void setVersionComment(
      String fullName, long version, String comment, String by, long at) {
    for (ModelVersionInfo v : models.get(key(fullName)).versions()) {
      if (v.getVersion() == version) {
        v.setComment(comment).setUpdatedBy(by).setUpdatedAt(at);
      }
    }
  }

  /** Removes a version and every alias pointing to it, as Databricks does. */
  public synchronized void removeVersion(String fullName, long version) {
    Stored m = models.get(key(fullName));
    m.versions().removeIf(v -> v.getVersion() == version);
    m.aliases().values().removeIf(n -> n == version);
  }

  /** Points an alias at a version, moving it from any other. */
  public synchronized void setAlias(String fullName, String alias, long version) {
    models.get(key(fullName)).aliases().put(alias, version);
  }

  /** Removes an alias; false when the model had none of that name. */
  public synchronized boolean removeAlias(String fullName, String alias) {
    return models.get(key(fullName)).aliases().remove(alias) != null;
  }

  @Override
  public synchronized boolean holdsFunction(String fullName) {
    return models.containsKey(key(fullName));
  }

  @Override
  public synchronized boolean holdsObjectsIn(String schemaFullName) {
    return models.keySet().stream().anyMatch(k -> k.startsWith(schemaFullName + "."));
  }

  @Override
  public synchronized void dropped(String fullName) {
    models.keySet().removeIf(k -> DropCascade.isAtOrUnder(k, fullName));
  }

  @Override
  public String persistenceName() {
    return "registered-models";
  }

  /** Each model with its versions and aliases, in the SDK's own shapes. */
  @Override
  public synchronized JsonNode save() {
    return Json.MAPPER.valueToTree(List.copyOf(models.values()));
  }

  @Override
  public synchronized void restore(JsonNode saved) {
    models.clear();
    for (Stored s : Json.MAPPER.convertValue(saved, new TypeReference<List<Stored>>() {})) {
      models.put(
          key(s.info().getFullName()),
          new Stored(
              s.info(),
              new ArrayList<>(s.versions()),
              new TreeMap<>(s.aliases()),
              s.lastVersion()));
    }
  }

  private static RegisteredModelInfo withAliases(Stored m) {
    return copy(m.info()).setAliases(aliases(m, null));
  }

  private static ModelVersionInfo withAliases(Stored m, ModelVersionInfo v) {
    ModelVersionInfo out = Json.MAPPER.convertValue(v, ModelVersionInfo.class);
    return out.setAliases(aliases(m, v.getVersion()));
  }

  /** The model's aliases as the API answers them; only those of one version when it is given. */
  private static List<RegisteredModelAlias> aliases(Stored m, Long onlyVersion) {
    List<RegisteredModelAlias> out = new ArrayList<>();
    m.aliases()
        .forEach(
            (alias, version) -> {
              if (onlyVersion == null || onlyVersion.equals(version)) {
                out.add(
                    new RegisteredModelAlias()
                        .setAliasName(alias)
                        .setVersionNum(version)
                        .setCatalogName(m.info().getCatalogName())
                        .setSchemaName(m.info().getSchemaName())
                        .setModelName(m.info().getName()));
              }
            });
    return out;
  }

  private static RegisteredModelInfo copy(RegisteredModelInfo info) {
    return Json.MAPPER.convertValue(info, RegisteredModelInfo.class);
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
