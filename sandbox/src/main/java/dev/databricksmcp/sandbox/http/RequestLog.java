package dev.databricksmcp.sandbox.http;

import dev.databricksmcp.sandbox.state.SandboxState;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The last requests the sandbox answered — method, path, who made them, status — so tests can check
 * which identity a call was made with. Never holds a token.
 */
public final class RequestLog implements SandboxState {
  private static final int CAPACITY = 2000;

  /** One answered request; {@code principal} is the user name, or null when unauthenticated. */
  public record Entry(long timeMillis, String method, String path, String principal, int status) {}

  private final ArrayDeque<Entry> entries = new ArrayDeque<>();

  void add(Entry entry) {
    synchronized (entries) {
      entries.addLast(entry);
      if (entries.size() > CAPACITY) {
        entries.removeFirst();
      }
    }
  }

  /** Oldest first. */
  public List<Entry> entries() {
    synchronized (entries) {
      return List.copyOf(entries);
    }
  }

  public void clear() {
    synchronized (entries) {
      entries.clear();
    }
  }
}
