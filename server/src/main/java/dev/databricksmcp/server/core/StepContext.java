package dev.databricksmcp.server.core;

import com.databricks.sdk.WorkspaceClient;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * The context of one step of a call made of several (statement i of a script): everything is the
 * call's, except that the step's own progress is placed within the call's, between {@code index}
 * and {@code index + 1} of {@code count}. MCP requires progress to increase with every
 * notification; a step that reports its elapsed seconds from 0 would otherwise go backwards.
 */
public final class StepContext implements ToolContext {
  /** How far into its slot a step's progress may go, so the next step's start is still ahead. */
  private static final double WITHIN_STEP = 0.99;

  private final ToolContext call;
  private final int index;
  private final int count;
  private final String label;

  /**
   * @param index the step, from 0
   * @param count the steps of the call
   * @param label the words put before the step's own, e.g. "statement 2 of 5"
   */
  public StepContext(ToolContext call, int index, int count, String label) {
    this.call = call;
    this.index = index;
    this.count = count;
    this.label = label;
  }

  @Override
  public void progress(double progress, Double total, String message) {
    double within =
        total == null || total <= 0 ? 0 : Math.min(WITHIN_STEP, Math.max(0, progress / total));
    call.progress(index + within, (double) count, label + ": " + message);
  }

  @Override
  public WorkspaceClient workspace() {
    return call.workspace();
  }

  @Override
  public String correlationId() {
    return call.correlationId();
  }

  @Override
  public boolean readOnly() {
    return call.readOnly();
  }

  @Override
  public CallDeadline deadline() {
    return call.deadline();
  }

  @Override
  public void track(WorkHandle handle) {
    call.track(handle);
  }

  @Override
  public void waitHandedBack() {
    call.waitHandedBack();
  }

  @Override
  public void confirmation(ConfirmationStep step) {
    call.confirmation(step);
  }

  @Override
  public String workspaceHost() {
    return call.workspaceHost();
  }

  @Override
  public String principal() {
    return call.principal();
  }

  @Override
  public UserAnswer askUser(String message) {
    return call.askUser(message);
  }

  @Override
  public void log(McpSchema.LoggingLevel level, String message) {
    call.log(level, message);
  }

  @Override
  public McpSchema.ElicitResult elicit(McpSchema.ElicitRequest request) {
    return call.elicit(request);
  }

  @Override
  public McpSchema.CreateMessageResult sample(McpSchema.CreateMessageRequest request) {
    return call.sample(request);
  }
}
