package dev.databricksmcp.sandbox.sql;

/**
 * A SQL error as Databricks reports it: an error class, a SQLSTATE and a message, rendered as
 * {@code [CLASS] message SQLSTATE: xxxxx}.
 */
public final class SqlError extends RuntimeException {
  private final String errorClass;
  private final String sqlState;

  public SqlError(String errorClass, String sqlState, String message) {
    super(message, null, false, false);
    this.errorClass = errorClass;
    this.sqlState = sqlState;
  }

  public String errorClass() {
    return errorClass;
  }

  public String sqlState() {
    return sqlState;
  }

  /** The message text Databricks puts in status.error.message. */
  public String databricksMessage() {
    return "[" + errorClass + "] " + getMessage() + " SQLSTATE: " + sqlState;
  }
}
