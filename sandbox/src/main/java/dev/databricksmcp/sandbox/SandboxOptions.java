package dev.databricksmcp.sandbox;

import java.nio.file.Path;

/**
 * How to start the sandbox.
 *
 * @param port loopback port, 0 for a free one
 * @param dataDir where DuckDB keeps its database across restarts; null keeps everything in memory
 */
public record SandboxOptions(int port, Path dataDir) {
  public static SandboxOptions inMemory() {
    return new SandboxOptions(0, null);
  }
}
