package dev.databricksmcp.server.core;

import com.databricks.sdk.WorkspaceClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.function.Consumer;

/**
 * The context a handler sees inside the invoker: the transport's context, plus the call's deadline
 * and a place to record the work it starts. A wrapper, so that every transport's context gets both
 * without knowing about them; it forwards every other method (a test checks that none is missed).
 */
final class BoundToolContext implements ToolContext {
  private final ToolContext delegate;
  private final CallDeadline deadline;
  private final CallNotes notes;
  private final Runnable handedBack;
  private final Consumer<ConfirmationStep> confirmation;

  BoundToolContext(ToolContext delegate, CallDeadline deadline, CallNotes notes) {
    this(delegate, deadline, notes, () -> {}, step -> {});
  }

  /**
   * @param handedBack told when a wait of this call ends before its work (the call's observers)
   * @param confirmation told what the call met at the confirmation gate (the same)
   */
  BoundToolContext(
      ToolContext delegate,
      CallDeadline deadline,
      CallNotes notes,
      Runnable handedBack,
      Consumer<ConfirmationStep> confirmation) {
    this.delegate = delegate;
    this.deadline = deadline;
    this.notes = notes;
    this.handedBack = handedBack;
    this.confirmation = confirmation;
  }

  @Override
  public CallDeadline deadline() {
    return deadline;
  }

  @Override
  public void track(WorkHandle handle) {
    notes.track(handle);
    delegate.track(handle);
  }

  @Override
  public void waitHandedBack() {
    handedBack.run();
    delegate.waitHandedBack();
  }

  @Override
  public void confirmation(ConfirmationStep step) {
    confirmation.accept(step);
    delegate.confirmation(step);
  }

  @Override
  public WorkspaceClient workspace() {
    return delegate.workspace();
  }

  @Override
  public String correlationId() {
    return delegate.correlationId();
  }

  @Override
  public boolean readOnly() {
    return delegate.readOnly();
  }

  @Override
  public void progress(double progress, Double total, String message) {
    delegate.progress(progress, total, message);
  }

  @Override
  public String workspaceHost() {
    return delegate.workspaceHost();
  }

  @Override
  public String principal() {
    return delegate.principal();
  }

  @Override
  public UserAnswer askUser(String message) {
    return delegate.askUser(message);
  }

  @Override
  public void log(McpSchema.LoggingLevel level, String message) {
    delegate.log(level, message);
  }

  @Override
  public McpSchema.ElicitResult elicit(McpSchema.ElicitRequest request) {
    return delegate.elicit(request);
  }

  @Override
  public McpSchema.CreateMessageResult sample(McpSchema.CreateMessageRequest request) {
    return delegate.sample(request);
  }
}
