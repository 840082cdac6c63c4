package dev.databricksmcp.sandbox.events;

import dev.databricksmcp.sandbox.state.SandboxState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Every statement the sandbox finished, newest last, plus listeners (system tables, lineage) told
 * of each one as it ends. Bounded so a long-running sandbox does not grow without limit.
 */
public final class StatementLog implements SandboxState {
  private static final int MAX_ENTRIES = 10_000;

  private final List<ExecutedStatement> entries = new ArrayList<>();
  private final List<Consumer<ExecutedStatement>> listeners = new CopyOnWriteArrayList<>();

  public void record(ExecutedStatement statement) {
    synchronized (entries) {
      entries.add(statement);
      if (entries.size() > MAX_ENTRIES) {
        entries.remove(0);
      }
    }
    for (Consumer<ExecutedStatement> listener : listeners) {
      listener.accept(statement);
    }
  }

  public void addListener(Consumer<ExecutedStatement> listener) {
    listeners.add(listener);
  }

  /** A copy, oldest first. */
  public List<ExecutedStatement> snapshot() {
    synchronized (entries) {
      return List.copyOf(entries);
    }
  }
}
