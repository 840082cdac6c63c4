package dev.databricksmcp.sandbox;

import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.auth.Principal;
import java.util.List;

/** What a person needs to point the Databricks CLI or any SDK at a running sandbox. */
public final class SandboxBanner {
  /**
   * Three things a newcomer can ask a client connected to the sandbox, each answered by its sample
   * data (SandboxContents): a question about Unity Catalog, a SQL query, a job run.
   */
  public static final List<String> THINGS_TO_TRY =
      List.of(
          "ask: which tables are in samples.tpch?",
          "SQL: the five most common pickup zip codes in samples.nyctaxi.trips",
          "a job (--toolsets jobs): submit a one-off run with a SQL task counting"
              + " samples.tpch.orders");

  private SandboxBanner() {}

  /** The things to try on one line, for a log line. */
  public static String thingsToTry() {
    return "Try: " + String.join("; ", THINGS_TO_TRY);
  }

  public static String text(Sandbox sandbox) {
    StringBuilder out = new StringBuilder();
    out.append("Sandbox Databricks workspace on ")
        .append(sandbox.host())
        .append("  (local, not a real workspace; Ctrl-C stops it)\n\n");
    out.append("Sign in as:\n");
    for (Principal p : sandbox.identities().all()) {
      out.append(
          String.format(
              "  %-22s %-40s token %s%n",
              p.isServicePrincipal() ? "service principal" : p.admin() ? "admin user" : "user",
              p.userName(),
              p.token()));
    }
    out.append("  OAuth M2M: client id ")
        .append(Identities.SERVICE_PRINCIPAL.userName())
        .append(", client secret ")
        .append(Identities.SERVICE_PRINCIPAL_SECRET)
        .append("\n\n");
    out.append("Environment:\n");
    out.append("  export DATABRICKS_HOST=").append(sandbox.host()).append('\n');
    out.append("  export DATABRICKS_TOKEN=").append(sandbox.adminToken()).append("\n\n");
    out.append("~/.databrickscfg profile:\n");
    out.append("  [sandbox]\n  host  = ")
        .append(sandbox.host())
        .append("\n  token = ")
        .append(sandbox.adminToken())
        .append("\n\n");
    out.append("SQL warehouse id: ")
        .append(dev.databricksmcp.sandbox.sql.Warehouses.STARTER_ID)
        .append("\n\nThings to try once a client is connected:\n");
    THINGS_TO_TRY.forEach(thing -> out.append("  ").append(thing).append('\n'));
    return out.toString();
  }
}
