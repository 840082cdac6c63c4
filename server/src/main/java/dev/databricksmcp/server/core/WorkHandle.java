package dev.databricksmcp.server.core;

/**
 * Work a call has started in Databricks (a statement, a warehouse start), by the id the model needs
 * to follow it up, and the read tool that does.
 *
 * @param name the id's argument name, e.g. {@code statement_id}
 * @param value the id
 * @param checkWith the read tool that reports the work's state, e.g. {@code get_statement}
 */
public record WorkHandle(String name, String value, String checkWith) {
  /** e.g. "get_statement with statement_id=01ef…" */
  public String howToCheck() {
    return checkWith + " with " + name + "=" + value;
  }
}
