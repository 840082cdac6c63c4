package dev.databricksmcp.sandbox.uc;

import com.databricks.sdk.service.catalog.FunctionInfo;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.http.Json;
import dev.databricksmcp.sandbox.state.PersistentState;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The workspace's Unity Catalog functions, by lower-case full name. A SQL function is also a DuckDB
 * macro (see {@link FunctionsApi}); what Unity Catalog says of it (parameters, owner, id) lives
 * here.
 */
public final class Functions implements PersistentState, DropCascade.Dependent, FunctionNamespace {
  private final Map<String, FunctionInfo> functions = new ConcurrentSkipListMap<>();

  /** The function of this full name, or null when there is none. */
  public FunctionInfo get(String fullName) {
    return functions.get(key(fullName));
  }

  public boolean contains(String fullName) {
    return functions.containsKey(key(fullName));
  }

  public void add(FunctionInfo function) {
    functions.put(key(function.getFullName()), function);
  }

  public void remove(String fullName) {
    functions.remove(key(fullName));
  }

  /** The functions of one schema, by name. */
  public List<FunctionInfo> inSchema(String catalog, String schema) {
    String prefix = key(catalog + "." + schema + ".");
    return functions.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .map(Map.Entry::getValue)
        .toList();
  }

  @Override
  public String persistenceName() {
    return "functions";
  }

  /** As the API answers them, in the SDK's own shape. */
  @Override
  public JsonNode save() {
    return Json.MAPPER.valueToTree(List.copyOf(functions.values()));
  }

  @Override
  public void restore(JsonNode saved) {
    functions.clear();
    Json.MAPPER.convertValue(saved, new TypeReference<List<FunctionInfo>>() {}).forEach(this::add);
  }

  @Override
  public boolean holdsFunction(String fullName) {
    return contains(fullName);
  }

  @Override
  public boolean holdsObjectsIn(String schemaFullName) {
    return functions.keySet().stream().anyMatch(k -> k.startsWith(schemaFullName + "."));
  }

  @Override
  public void dropped(String fullName) {
    functions.keySet().removeIf(k -> DropCascade.isAtOrUnder(k, fullName));
  }

  private static String key(String fullName) {
    return fullName.toLowerCase(Locale.ROOT);
  }
}
