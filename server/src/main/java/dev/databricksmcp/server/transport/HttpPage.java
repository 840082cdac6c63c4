package dev.databricksmcp.server.transport;

import jakarta.servlet.http.HttpServlet;

/**
 * A page served beside {@code /mcp} (metrics, the status page): behind the same authentication and
 * Host/Origin check on the MCP listener, or without authentication on a {@link PagesListener}.
 *
 * @param path a servlet path spec: {@code /metrics}, or {@link #ROOT} for exactly {@code /}
 */
public record HttpPage(String path, HttpServlet servlet) {
  /** Exactly the root, {@code /}, and nothing under it. */
  public static final String ROOT = "";
}
