package dev.databricksmcp.sandbox.vectorsearch;

import com.databricks.sdk.service.vectorsearch.EndpointInfo;
import com.databricks.sdk.service.vectorsearch.EndpointStatus;
import com.databricks.sdk.service.vectorsearch.EndpointStatusState;
import com.databricks.sdk.service.vectorsearch.EndpointType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ErrorCode;
import dev.databricksmcp.sandbox.http.Json;
import dev.databricksmcp.sandbox.state.PersistentState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Vector search endpoints: PROVISIONING for one transition time after they are created, then ONLINE
 * (the state is read off the wall clock, no thread). Kept with {@code --sandbox-dir} ({@code
 * state/vector-search-endpoints.json}); an endpoint taken back is ONLINE.
 */
public final class VectorEndpoints implements PersistentState {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,63}");

  private final Map<String, Kept> endpoints = new LinkedHashMap<>();
  private final long transitionMillis;

  private static final class Kept {
    EndpointInfo info;
    long onlineAt;
  }

  public VectorEndpoints(long transitionMillis) {
    this.transitionMillis = transitionMillis;
  }

  public synchronized EndpointInfo create(String name, EndpointType type, String user) {
    if (name == null || name.isBlank()) {
      throw ApiException.invalid("Missing required field: name");
    }
    if (!NAME.matcher(name).matches()) {
      throw ApiException.invalid(
          "Invalid endpoint name '"
              + name
              + "': use letters, digits, '-' and '_', at most 63 characters");
    }
    if (type == null) {
      throw ApiException.invalid("Missing required field: endpoint_type");
    }
    if (endpoints.containsKey(name)) {
      throw new ApiException(
          ErrorCode.RESOURCE_ALREADY_EXISTS, "Endpoint with name " + name + " already exists.");
    }
    long now = System.currentTimeMillis();
    Kept k = new Kept();
    k.info =
        new EndpointInfo()
            .setName(name)
            .setId(UUID.randomUUID().toString())
            .setEndpointType(type)
            .setCreator(user)
            .setCreationTimestamp(now)
            .setLastUpdatedTimestamp(now)
            .setLastUpdatedUser(user);
    k.onlineAt = now + transitionMillis;
    endpoints.put(name, k);
    return current(k);
  }

  public synchronized EndpointInfo get(String name) {
    return current(kept(name));
  }

  public synchronized List<EndpointInfo> list() {
    List<EndpointInfo> out = new ArrayList<>();
    endpoints.values().forEach(k -> out.add(current(k)));
    return out;
  }

  public synchronized void delete(String name) {
    kept(name);
    endpoints.remove(name);
  }

  /** Skips provisioning (the seeded endpoint is ONLINE from the start). */
  synchronized void markOnline(String name) {
    kept(name).onlineAt = 0;
  }

  public synchronized boolean online(String name) {
    return System.currentTimeMillis() >= kept(name).onlineAt;
  }

  private Kept kept(String name) {
    Kept k = endpoints.get(name);
    if (k == null) {
      throw new ApiException(
          ErrorCode.RESOURCE_DOES_NOT_EXIST, "Vector search endpoint " + name + " not found.");
    }
    return k;
  }

  private static EndpointInfo current(Kept k) {
    boolean online = System.currentTimeMillis() >= k.onlineAt;
    EndpointInfo copy = Json.MAPPER.convertValue(k.info, EndpointInfo.class);
    return copy.setEndpointStatus(
        new EndpointStatus()
            .setState(online ? EndpointStatusState.ONLINE : EndpointStatusState.PROVISIONING)
            .setMessage(online ? "Endpoint is online." : "Endpoint is being provisioned."));
  }

  @Override
  public String persistenceName() {
    return "vector-search-endpoints";
  }

  @Override
  public synchronized JsonNode save() {
    ArrayNode out = Json.MAPPER.createArrayNode();
    endpoints.values().forEach(k -> out.add(Json.MAPPER.valueToTree(k.info)));
    return out;
  }

  @Override
  public synchronized void restore(JsonNode saved) {
    endpoints.clear();
    for (JsonNode n : saved) {
      Kept k = new Kept();
      k.info = Json.MAPPER.convertValue(n, EndpointInfo.class);
      endpoints.put(k.info.getName(), k);
    }
  }
}
