package dev.databricksmcp.sandbox.vectorsearch;

import com.databricks.sdk.service.catalog.Privilege;
import com.databricks.sdk.service.vectorsearch.CreateVectorIndexRequest;
import com.databricks.sdk.service.vectorsearch.DeleteDataResult;
import com.databricks.sdk.service.vectorsearch.DeleteDataStatus;
import com.databricks.sdk.service.vectorsearch.DeleteDataVectorIndexResponse;
import com.databricks.sdk.service.vectorsearch.DeltaSyncVectorIndexSpecRequest;
import com.databricks.sdk.service.vectorsearch.DeltaSyncVectorIndexSpecResponse;
import com.databricks.sdk.service.vectorsearch.DirectAccessVectorIndexSpec;
import com.databricks.sdk.service.vectorsearch.EmbeddingSourceColumn;
import com.databricks.sdk.service.vectorsearch.EmbeddingVectorColumn;
import com.databricks.sdk.service.vectorsearch.PipelineType;
import com.databricks.sdk.service.vectorsearch.UpsertDataResult;
import com.databricks.sdk.service.vectorsearch.UpsertDataStatus;
import com.databricks.sdk.service.vectorsearch.UpsertDataVectorIndexRequest;
import com.databricks.sdk.service.vectorsearch.UpsertDataVectorIndexResponse;
import com.databricks.sdk.service.vectorsearch.VectorIndex;
import com.databricks.sdk.service.vectorsearch.VectorIndexType;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.auth.Principal;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ApiRequest;
import dev.databricksmcp.sandbox.http.Json;
import dev.databricksmcp.sandbox.uc.Grants;
import dev.databricksmcp.sandbox.uc.Metastore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Creating an index (Delta Sync over a source table read as the caller, or Direct Vector Access
 * with its schema), syncing it, and writing a Direct Access index's rows. An index is a Unity
 * Catalog object: its name is catalog.schema.index, creating it needs CREATE TABLE on the schema,
 * reading it SELECT and writing it MODIFY (or owning it).
 */
final class IndexRequests {
  private final VectorEndpoints endpoints;
  private final VectorIndexes indexes;
  private final SourceTables sources;
  private final Grants grants;

  IndexRequests(
      VectorEndpoints endpoints, VectorIndexes indexes, SourceTables sources, Grants grants) {
    this.endpoints = endpoints;
    this.indexes = indexes;
    this.sources = sources;
    this.grants = grants;
  }

  Object create(ApiRequest r) {
    CreateVectorIndexRequest body = r.bodyAs(CreateVectorIndexRequest.class);
    Principal caller = r.principal();
    String name = required(body.getName(), "name");
    String[] parts = SourceTables.parts(name);
    String fullName = String.join(".", parts).toLowerCase(java.util.Locale.ROOT);
    String endpoint = required(body.getEndpointName(), "endpoint_name");
    endpoints.get(endpoint);
    String primaryKey = required(body.getPrimaryKey(), "primary_key");
    if (body.getIndexType() == null) {
      throw ApiException.invalid("Missing required field: index_type");
    }
    grants.requireCreateTable(caller, Metastore.lower(parts[0]), Metastore.lower(parts[1]));
    VectorIndex spec =
        new VectorIndex()
            .setName(fullName)
            .setEndpointName(endpoint)
            .setPrimaryKey(primaryKey)
            .setIndexType(body.getIndexType())
            .setCreator(caller.userName());
    if (body.getIndexType() == VectorIndexType.DELTA_SYNC) {
      DeltaSyncVectorIndexSpecRequest ds = body.getDeltaSyncIndexSpec();
      if (ds == null) {
        throw ApiException.invalid("Missing required field: delta_sync_index_spec");
      }
      String source = required(ds.getSourceTable(), "delta_sync_index_spec.source_table");
      List<String> sourceColumns = sources.columns(caller, source);
      spec.setDeltaSyncIndexSpec(
          new DeltaSyncVectorIndexSpecResponse()
              .setSourceTable(source)
              .setPipelineType(
                  ds.getPipelineType() == null ? PipelineType.TRIGGERED : ds.getPipelineType())
              .setPipelineId(UUID.randomUUID().toString())
              .setColumnsToSync(ds.getColumnsToSync())
              .setEmbeddingSourceColumns(ds.getEmbeddingSourceColumns())
              .setEmbeddingVectorColumns(ds.getEmbeddingVectorColumns()));
      requireEmbedding(
          ds.getEmbeddingSourceColumns(), ds.getEmbeddingVectorColumns(), "delta_sync_index_spec");
      List<String> columns = indexColumns(spec, sourceColumns, ds.getColumnsToSync());
      IndexLayout layout = IndexLayout.of(spec, columns);
      return indexes.create(spec, caller.userName(), columns, snapshot(caller, source, layout));
    }
    DirectAccessVectorIndexSpec da = body.getDirectAccessIndexSpec();
    if (da == null) {
      throw ApiException.invalid("Missing required field: direct_access_index_spec");
    }
    requireEmbedding(
        da.getEmbeddingSourceColumns(), da.getEmbeddingVectorColumns(), "direct_access_index_spec");
    spec.setDirectAccessIndexSpec(da);
    List<String> columns = indexColumns(spec, schemaColumns(da.getSchemaJson()), null);
    return indexes.create(spec, caller.userName(), columns, null);
  }

  Object sync(ApiRequest r) {
    String name = writable(r);
    VectorIndex spec = indexes.get(name);
    if (spec.getIndexType() != VectorIndexType.DELTA_SYNC) {
      throw ApiException.invalid(
          "Index " + name + " is a Direct Vector Access index; only Delta Sync indexes sync.");
    }
    if (spec.getDeltaSyncIndexSpec().getPipelineType() != PipelineType.TRIGGERED) {
      throw ApiException.invalid(
          "Index "
              + name
              + " has a CONTINUOUS pipeline; it follows its source table without sync.");
    }
    indexes.sync(
        name,
        snapshot(
            r.principal(), spec.getDeltaSyncIndexSpec().getSourceTable(), indexes.layout(name)));
    return Map.of();
  }

  Object upsert(ApiRequest r) {
    String name = directAccess(r);
    String inputs =
        required(r.bodyAs(UpsertDataVectorIndexRequest.class).getInputsJson(), "inputs_json");
    List<Map<String, Object>> rows;
    try {
      rows = Json.MAPPER.readValue(inputs, new TypeReference<List<Map<String, Object>>>() {});
    } catch (IOException e) {
      throw ApiException.invalid("inputs_json must be a JSON array of row objects");
    }
    IndexLayout layout = indexes.layout(name);
    List<VectorIndexes.Row> good = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      try {
        good.add(layout.row(row));
      } catch (ApiException e) {
        failed.add(String.valueOf(row.get(layout.primaryKey())));
      }
    }
    indexes.upsert(name, good);
    UpsertDataStatus status =
        failed.isEmpty()
            ? UpsertDataStatus.SUCCESS
            : good.isEmpty() ? UpsertDataStatus.FAILURE : UpsertDataStatus.PARTIAL_SUCCESS;
    return new UpsertDataVectorIndexResponse()
        .setStatus(status)
        .setResult(
            new UpsertDataResult()
                .setSuccessRowCount((long) good.size())
                .setFailedPrimaryKeys(failed));
  }

  Object deleteData(ApiRequest r) {
    String name = directAccess(r);
    List<String> keys = r.query().getOrDefault("primary_keys", List.of());
    if (keys.isEmpty()) {
      throw ApiException.invalid("Missing required field: primary_keys");
    }
    indexes.deleteRows(name, keys);
    return new DeleteDataVectorIndexResponse()
        .setStatus(DeleteDataStatus.SUCCESS)
        .setResult(
            new DeleteDataResult()
                .setSuccessRowCount((long) keys.size())
                .setFailedPrimaryKeys(List.of()));
  }

  /** The index's name once the caller may read it (owner, or SELECT on it or above). */
  String readable(ApiRequest r) {
    return allowed(r, Privilege.SELECT, "read");
  }

  /** The index's name once the caller may change it (owner, or MODIFY on it or above). */
  String writable(ApiRequest r) {
    return allowed(r, Privilege.MODIFY, "modify");
  }

  private String allowed(ApiRequest r, Privilege privilege, String verb) {
    String name = r.pathVar("index_name").toLowerCase(java.util.Locale.ROOT);
    String owner = indexes.owner(name);
    if (!VectorSearchApi.may(grants, r.principal(), owner, name, privilege)) {
      throw ApiException.denied(
          "User "
              + r.principal().userName()
              + " does not have "
              + privilege
              + " on index "
              + name
              + " to "
              + verb
              + " it.");
    }
    return name;
  }

  private String directAccess(ApiRequest r) {
    String name = writable(r);
    if (indexes.get(name).getIndexType() != VectorIndexType.DIRECT_ACCESS) {
      throw ApiException.invalid(
          "Index "
              + name
              + " is a Delta Sync index: it takes its rows from its source table, not from upsert or delete.");
    }
    return name;
  }

  private List<VectorIndexes.Row> snapshot(Principal caller, String source, IndexLayout layout) {
    return sources.rows(caller, source).stream().map(layout::row).toList();
  }

  /** The columns the index keeps: columns_to_sync (with the key and embedding column), or all. */
  private static List<String> indexColumns(
      VectorIndex spec, List<String> available, Collection<String> toSync) {
    IndexLayout layout = IndexLayout.of(spec, available);
    String embedded = layout.textColumn() != null ? layout.textColumn() : layout.vectorColumn();
    for (String c : new String[] {spec.getPrimaryKey(), embedded}) {
      if (!available.contains(c)) {
        throw ApiException.invalid("Column " + c + " is not in " + available);
      }
    }
    if (toSync == null || toSync.isEmpty()) {
      return available;
    }
    List<String> out = new ArrayList<>();
    for (String c : available) {
      if (toSync.contains(c) || c.equals(spec.getPrimaryKey()) || c.equals(embedded)) {
        out.add(c);
      }
    }
    for (String c : toSync) {
      if (!available.contains(c)) {
        throw ApiException.invalid("columns_to_sync: column " + c + " is not in " + available);
      }
    }
    return out;
  }

  private static List<String> schemaColumns(String schemaJson) {
    String json = required(schemaJson, "direct_access_index_spec.schema_json");
    try {
      JsonNode n = Json.MAPPER.readTree(json);
      if (n == null || !n.isObject() || n.isEmpty()) {
        throw new IOException();
      }
      return new ArrayList<>(
          Json.MAPPER
              .convertValue(n, new TypeReference<LinkedHashMap<String, Object>>() {})
              .keySet());
    } catch (IOException e) {
      throw ApiException.invalid(
          "schema_json must be a JSON object of column names and types, e.g. {\"id\": \"integer\"}");
    }
  }

  private static void requireEmbedding(
      Collection<EmbeddingSourceColumn> sourceColumns,
      Collection<EmbeddingVectorColumn> vectorColumns,
      String field) {
    boolean text = sourceColumns != null && !sourceColumns.isEmpty();
    boolean vectors = vectorColumns != null && !vectorColumns.isEmpty();
    if (text == vectors) {
      throw ApiException.invalid(
          field + ": give exactly one of embedding_source_columns and embedding_vector_columns");
    }
    if (text) {
      for (EmbeddingSourceColumn c : sourceColumns) {
        required(c.getName(), field + ".embedding_source_columns.name");
        String model =
            required(
                c.getEmbeddingModelEndpointName(),
                field + ".embedding_source_columns.embedding_model_endpoint_name");
        if (!TextEmbedding.known(model)) {
          throw ApiException.invalid(
              "Embedding model endpoint "
                  + model
                  + " does not exist; the sandbox serves "
                  + TextEmbedding.ENDPOINTS);
        }
      }
    } else {
      for (EmbeddingVectorColumn c : vectorColumns) {
        required(c.getName(), field + ".embedding_vector_columns.name");
        if (c.getEmbeddingDimension() == null || c.getEmbeddingDimension() <= 0) {
          throw ApiException.invalid(
              field + ".embedding_vector_columns.embedding_dimension must be a positive integer");
        }
      }
    }
  }

  private static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw ApiException.invalid("Missing required field: " + field);
    }
    return value;
  }
}
