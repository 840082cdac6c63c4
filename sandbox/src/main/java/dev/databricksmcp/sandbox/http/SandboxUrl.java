package dev.databricksmcp.sandbox.http;

import dev.databricksmcp.sandbox.state.SandboxState;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The sandbox's own URL, known only once it listens: discovery documents name it, and areas built
 * before that read it when asked.
 */
public final class SandboxUrl implements SandboxState {
  private final AtomicReference<String> url = new AtomicReference<>();

  public String get() {
    return url.get();
  }

  public void set(String value) {
    url.set(value);
  }
}
