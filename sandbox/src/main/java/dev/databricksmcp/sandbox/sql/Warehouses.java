package dev.databricksmcp.sandbox.sql;

import com.databricks.sdk.service.sql.EndpointInfo;
import com.databricks.sdk.service.sql.EndpointInfoWarehouseType;
import com.databricks.sdk.service.sql.OdbcParams;
import com.databricks.sdk.service.sql.State;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ErrorCode;
import dev.databricksmcp.sandbox.state.SandboxState;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * SQL warehouses and their state machine: STOPPED → STARTING → RUNNING, RUNNING → STOPPING →
 * STOPPED, each transition taking {@code transitionMillis}. All warehouses run on the one DuckDB
 * engine.
 */
public final class Warehouses implements SandboxState {
  /** The running serverless warehouse a new workspace has; listed first. */
  public static final String STARTER_ID = "5a1d7e3b9c0f4e2a";

  /** Its name. */
  public static final String STARTER_NAME = "Serverless Starter Warehouse";

  /** A small warehouse a new sandbox has stopped, so that starting one can be tried at once. */
  public static final String ANALYTICS_ID = "7c4e2b8a1f3d6e90";

  /** Its name. */
  public static final String ANALYTICS_NAME = "Analytics Warehouse";

  private final long transitionMillis;
  private final Map<String, EndpointInfo> warehouses = new LinkedHashMap<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "sandbox-warehouses");
            t.setDaemon(true);
            return t;
          });
  private final SecureRandom random = new SecureRandom();

  public Warehouses(long transitionMillis) {
    this.transitionMillis = transitionMillis;
    EndpointInfo starter =
        new EndpointInfo()
            .setName(STARTER_NAME)
            .setClusterSize("Small")
            .setAutoStopMins(10L)
            .setEnableServerlessCompute(true)
            .setWarehouseType(EndpointInfoWarehouseType.PRO)
            .setMinNumClusters(1L)
            .setMaxNumClusters(1L)
            .setCreatorName("admin@sandbox.local");
    add(STARTER_ID, starter, State.RUNNING);
    EndpointInfo analytics =
        new EndpointInfo()
            .setName(ANALYTICS_NAME)
            .setClusterSize("2X-Small")
            .setAutoStopMins(10L)
            .setEnableServerlessCompute(true)
            .setWarehouseType(EndpointInfoWarehouseType.PRO)
            .setMinNumClusters(1L)
            .setMaxNumClusters(1L)
            .setCreatorName("admin@sandbox.local");
    add(ANALYTICS_ID, analytics, State.STOPPED);
  }

  public synchronized List<EndpointInfo> list() {
    return new ArrayList<>(warehouses.values());
  }

  public synchronized EndpointInfo get(String id) {
    EndpointInfo w = warehouses.get(id);
    if (w == null || w.getState() == State.DELETED) {
      throw new ApiException(
          ErrorCode.RESOURCE_DOES_NOT_EXIST, "SQL warehouse " + id + " does not exist.");
    }
    return w;
  }

  /** A new warehouse, starting (as Databricks starts a warehouse on creation). */
  public synchronized String create(EndpointInfo spec) {
    if (spec.getName() == null || spec.getName().isBlank()) {
      throw ApiException.invalid("Missing required field: name");
    }
    if (warehouses.values().stream()
        .anyMatch(w -> w.getName().equals(spec.getName()) && w.getState() != State.DELETED)) {
      throw new ApiException(
          ErrorCode.RESOURCE_ALREADY_EXISTS,
          "SQL warehouse with name '" + spec.getName() + "' already exists.");
    }
    String id = HexFormat.of().formatHex(random.generateSeed(8));
    add(id, spec, State.STOPPED);
    start(id);
    return id;
  }

  public synchronized void edit(String id, EndpointInfo changes) {
    EndpointInfo w = get(id);
    if (changes.getName() != null) {
      w.setName(changes.getName());
    }
    if (changes.getClusterSize() != null) {
      w.setClusterSize(changes.getClusterSize());
    }
    if (changes.getAutoStopMins() != null) {
      w.setAutoStopMins(changes.getAutoStopMins());
    }
    if (changes.getMinNumClusters() != null) {
      w.setMinNumClusters(changes.getMinNumClusters());
    }
    if (changes.getMaxNumClusters() != null) {
      w.setMaxNumClusters(changes.getMaxNumClusters());
    }
    if (changes.getEnableServerlessCompute() != null) {
      w.setEnableServerlessCompute(changes.getEnableServerlessCompute());
    }
  }

  public synchronized void delete(String id) {
    get(id).setState(State.DELETED);
  }

  public synchronized void start(String id) {
    EndpointInfo w = get(id);
    if (w.getState() == State.STOPPED || w.getState() == State.STOPPING) {
      w.setState(State.STARTING);
      later(id, State.STARTING, State.RUNNING);
    }
  }

  public synchronized void stop(String id) {
    EndpointInfo w = get(id);
    if (w.getState() == State.RUNNING || w.getState() == State.STARTING) {
      w.setState(State.STOPPING);
      later(id, State.STOPPING, State.STOPPED);
    }
  }

  /** Starts the warehouse when stopped and returns once it runs (statements wait in PENDING). */
  public void awaitRunning(String id) throws InterruptedException {
    start(id);
    while (state(id) != State.RUNNING) {
      if (state(id) == State.DELETED) {
        throw new ApiException(
            ErrorCode.RESOURCE_DOES_NOT_EXIST, "SQL warehouse " + id + " was deleted.");
      }
      Thread.sleep(25);
    }
  }

  public synchronized State state(String id) {
    EndpointInfo w = warehouses.get(id);
    return w == null ? State.DELETED : w.getState();
  }

  private void later(String id, State from, State to) {
    timer.schedule(
        () -> {
          synchronized (this) {
            EndpointInfo w = warehouses.get(id);
            if (w != null && w.getState() == from) {
              w.setState(to);
            }
          }
        },
        transitionMillis,
        TimeUnit.MILLISECONDS);
  }

  private void add(String id, EndpointInfo spec, State state) {
    spec.setId(id)
        .setState(state)
        .setNumClusters(state == State.RUNNING ? 1L : 0L)
        .setNumActiveSessions(0L)
        .setJdbcUrl(
            "jdbc:databricks://sandbox:443/default;transportMode=http;ssl=1;httpPath=/sql/1.0/warehouses/"
                + id)
        .setOdbcParams(
            new OdbcParams()
                .setHostname("sandbox")
                .setPath("/sql/1.0/warehouses/" + id)
                .setPort(443L)
                .setProtocol("https"));
    if (spec.getClusterSize() == null) {
      spec.setClusterSize("Small");
    }
    if (spec.getAutoStopMins() == null) {
      spec.setAutoStopMins(10L);
    }
    warehouses.put(id, spec);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
