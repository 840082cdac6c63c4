package dev.databricksmcp.server.testing;

import com.databricks.sdk.WorkspaceClient;
import dev.databricksmcp.server.core.CallDeadline;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.WorkHandle;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A call's context for tests that never reach Databricks: a deadline of the test's choosing, and a
 * record of the progress sent and the work tracked.
 */
public final class RecordingContext implements ToolContext {
  /** A progress notification as the client would get it. */
  public record Progress(double progress, Double total, String message) {}

  public final List<Progress> progress = new CopyOnWriteArrayList<>();
  public final List<WorkHandle> tracked = new CopyOnWriteArrayList<>();

  /** How many waits ended at their time limit and were handed back. */
  public final java.util.concurrent.atomic.AtomicInteger waitsHandedBack =
      new java.util.concurrent.atomic.AtomicInteger();

  private final CallDeadline deadline;

  /** No deadline. */
  public RecordingContext() {
    this(CallDeadline.none());
  }

  public RecordingContext(CallDeadline deadline) {
    this.deadline = deadline;
  }

  @Override
  public CallDeadline deadline() {
    return deadline;
  }

  @Override
  public WorkspaceClient workspace() {
    throw new UnsupportedOperationException("this test never reaches Databricks");
  }

  @Override
  public String workspaceHost() {
    return "https://test.example";
  }

  @Override
  public String correlationId() {
    return "test";
  }

  @Override
  public boolean readOnly() {
    return false;
  }

  @Override
  public void progress(double value, Double total, String message) {
    progress.add(new Progress(value, total, message));
  }

  @Override
  public void waitHandedBack() {
    waitsHandedBack.incrementAndGet();
  }

  @Override
  public void track(WorkHandle handle) {
    tracked.add(handle);
  }
}
