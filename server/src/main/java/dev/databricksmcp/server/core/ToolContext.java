package dev.databricksmcp.server.core;

import com.databricks.sdk.WorkspaceClient;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * What a handler may use besides its arguments: the caller's workspace client and a way to report
 * progress. Handlers never reach for globals, so the same handler serves a shared client or a
 * client per signed-in user.
 */
public interface ToolContext {
  /** The Databricks workspace client for this call (created lazily, on first use). */
  WorkspaceClient workspace();

  /** The id tying this call's log lines together. */
  String correlationId();

  /** True when the server runs in read-only mode. */
  boolean readOnly();

  /**
   * Sends a progress notification when the client asked for them (gave a progressToken); otherwise
   * does nothing.
   */
  void progress(double progress, Double total, String message);

  /**
   * When this call must be answered. Every wait in a handler stops at {@link CallDeadline#waitEnd}
   * so that unfinished work goes back with its handle before the invoker's TIMEOUT. Unbounded
   * unless the call runs through the {@link ToolInvoker}.
   */
  default CallDeadline deadline() {
    return CallDeadline.none();
  }

  /**
   * Records work this call has started in Databricks, as soon as it exists, so that every answer —
   * a failure, or the TIMEOUT the deadline forces — carries its handle and how to check it.
   */
  default void track(WorkHandle handle) {}

  /**
   * A wait ended before the work did ({@link
   * dev.databricksmcp.server.core.wait.Waited.Outcome#TIME_UP}): the answer hands back the work's
   * state and how to check it again. Counted by metrics.
   */
  default void waitHandedBack() {}

  /** What this call met at the confirmation gate, as the gate decides it. Counted by metrics. */
  default void confirmation(ConfirmationStep step) {}

  /** The workspace URL, for messages that must say which workspace an action touches. */
  default String workspaceHost() {
    return workspace().config().getHost();
  }

  /** Who is calling: "local" over stdio, the token's name or the signed-in user over HTTP. */
  default String principal() {
    return "local";
  }

  /**
   * Asks the user a yes/no question through MCP elicitation, when the client supports it.
   *
   * @param message plain words: what will happen, to which object, in which workspace
   */
  default UserAnswer askUser(String message) {
    return UserAnswer.UNSUPPORTED;
  }

  /**
   * Sends a log message to the client (MCP logging), subject to the level the client set; does
   * nothing when there is no session to send it on.
   */
  default void log(McpSchema.LoggingLevel level, String message) {}

  /**
   * Asks the client for structured input through MCP elicitation.
   *
   * @throws ToolException UNAVAILABLE when the client cannot be asked
   */
  default McpSchema.ElicitResult elicit(McpSchema.ElicitRequest request) {
    throw new ToolException(
        ErrorCode.UNAVAILABLE,
        "This client does not support elicitation (asking the user for input).");
  }

  /**
   * Asks the client's model for a completion through MCP sampling.
   *
   * @throws ToolException UNAVAILABLE when the client does not offer sampling
   */
  default McpSchema.CreateMessageResult sample(McpSchema.CreateMessageRequest request) {
    throw new ToolException(
        ErrorCode.UNAVAILABLE,
        "This client does not support sampling (asking its model for a completion).");
  }
}
