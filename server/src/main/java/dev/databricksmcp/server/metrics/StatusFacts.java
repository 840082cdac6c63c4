package dev.databricksmcp.server.metrics;

import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * What the status page says about the server itself, besides the numbers.
 *
 * @param version the server's version
 * @param toolsets the toolsets enabled
 * @param toolCount how many tools are served now (grows with dynamic toolsets)
 * @param workspaceHost the workspace URL; may throw while a sandbox is starting
 * @param transport a few words: "HTTP, sessions, auth token"
 */
public record StatusFacts(
    String version,
    List<String> toolsets,
    IntSupplier toolCount,
    Supplier<String> workspaceHost,
    String transport) {
  public StatusFacts {
    toolsets = List.copyOf(toolsets);
  }

  String host() {
    try {
      String host = workspaceHost.get();
      return host == null ? "(not known yet)" : host;
    } catch (RuntimeException e) {
      return "(not known yet)";
    }
  }
}
