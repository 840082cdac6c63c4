package dev.databricksmcp.server.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What one call has learnt about its own effect while running: the work it started, and what its
 * confirmation said it would act on. Written by the handler's thread, read by whichever thread
 * answers the call (the deadline watcher's, when the deadline passes first).
 */
final class CallNotes {
  private final List<WorkHandle> handles = new CopyOnWriteArrayList<>();
  private volatile String target;
  private volatile boolean handlerRan;

  /** From here on the call may change the workspace; before it, nothing it did could. */
  void handlerStarted() {
    handlerRan = true;
  }

  boolean handlerRan() {
    return handlerRan;
  }

  void track(WorkHandle handle) {
    handles.removeIf(h -> h.name().equals(handle.name()));
    handles.add(handle);
  }

  /** In the order first started; the same id name tracked again replaces the earlier value. */
  List<WorkHandle> handles() {
    return List.copyOf(handles);
  }

  /** The latest work started, or null. */
  WorkHandle latest() {
    List<WorkHandle> all = handles();
    return all.isEmpty() ? null : all.get(all.size() - 1);
  }

  void target(String description) {
    target = description;
  }

  /**
   * The confirmation's description of what the call acts on; null when no confirmation looked it
   * up.
   */
  String target() {
    return target;
  }
}
