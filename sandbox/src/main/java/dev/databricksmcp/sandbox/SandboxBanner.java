package dev.databricksmcp.sandbox;

import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.auth.Principal;

/** What a person needs to point the Databricks CLI or any SDK at a running sandbox. */
public final class SandboxBanner {
  private SandboxBanner() {}

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
        .append('\n');
    return out.toString();
  }
}
