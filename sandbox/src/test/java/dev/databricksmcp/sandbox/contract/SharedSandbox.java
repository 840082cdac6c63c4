package dev.databricksmcp.sandbox.contract;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.sql.Warehouses;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One sandbox for every contract test of the run, started by the first class that needs it and
 * closed by JUnit at the end of the run. Contract tests name what they create uniquely, so they do
 * not see each other's objects. Warehouses change state in 200 ms instead of 1.5 s.
 */
final class SharedSandbox implements BeforeAllCallback {
  private static final long WAREHOUSE_TRANSITION_MILLIS = 200;
  private static volatile Sandbox sandbox;

  @Override
  public void beforeAll(ExtensionContext context) {
    context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(SharedSandbox.class, key -> new Running(), Running.class);
  }

  /** The running sandbox. */
  static Sandbox sandbox() {
    Sandbox s = sandbox;
    if (s == null) {
      throw new IllegalStateException("annotate the test class @ExtendWith(SharedSandbox.class)");
    }
    return s;
  }

  /** Plain HTTP as the workspace admin. */
  static Wire admin() {
    return new Wire(sandbox().host(), Identities.ADMIN_TOKEN);
  }

  /** Plain HTTP as the analyst (a user who is no admin). */
  static Wire analyst() {
    return admin().as(Identities.USER_TOKEN);
  }

  /** The real Databricks SDK, signed in with a personal access token. */
  static WorkspaceClient sdk(String token) {
    return new WorkspaceClient(
        new DatabricksConfig().setHost(sandbox().host()).setToken(token).setAuthType("pat"));
  }

  /** Runs one SQL statement as the admin on the starter warehouse and waits for it to succeed. */
  static JsonNode sql(String statement) {
    JsonNode reply =
        admin()
            .post(
                "/api/2.0/sql/statements",
                "{\"warehouse_id\": \""
                    + Warehouses.STARTER_ID
                    + "\", \"wait_timeout\": \"30s\", \"statement\": "
                    + quote(statement)
                    + "}")
            .ok();
    if (!"SUCCEEDED".equals(reply.path("status").path("state").asText())) {
      throw new AssertionError("set-up statement failed: " + statement + " -> " + reply);
    }
    return reply;
  }

  /** A JSON string literal. */
  static String quote(String text) {
    try {
      return new ObjectMapper().writeValueAsString(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A name no other test uses, valid as a Unity Catalog or warehouse name. */
  static String unique(String prefix) {
    return prefix + "_" + Long.toHexString(System.nanoTime());
  }

  /** Holds the sandbox for the run; JUnit closes it when the root context closes. */
  private static final class Running implements AutoCloseable {
    Running() {
      sandbox = Sandbox.start(new SandboxOptions(0, null, WAREHOUSE_TRANSITION_MILLIS));
    }

    @Override
    public void close() {
      Sandbox s = sandbox;
      sandbox = null;
      if (s != null) {
        s.close();
      }
    }
  }
}
