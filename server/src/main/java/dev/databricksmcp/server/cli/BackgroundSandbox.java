package dev.databricksmcp.server.cli;

import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxBanner;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.server.connection.ConnectionSettings;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox started on a thread of its own, so that the server answers {@code initialize} and
 * {@code tools/list} while DuckDB loads the sample data: start-up no longer waits for the sandbox,
 * and the first tool call that needs it does (BENCHMARKS.md, start-up with the sandbox).
 */
final class BackgroundSandbox implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundSandbox.class);

  private final CompletableFuture<Sandbox> started;

  private BackgroundSandbox(CompletableFuture<Sandbox> started) {
    this.started = started;
  }

  static BackgroundSandbox start(SandboxOptions options) {
    CompletableFuture<Sandbox> started = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                Sandbox sandbox = Sandbox.start(options);
                LOG.info(
                    "Using the local SANDBOX workspace at {} (not a real Databricks workspace). {}",
                    sandbox.host(),
                    SandboxBanner.thingsToTry());
                started.complete(sandbox);
              } catch (RuntimeException | Error e) {
                LOG.error("The sandbox did not start: {}", e.getMessage());
                started.completeExceptionally(e);
              }
            },
            "sandbox-start");
    thread.setDaemon(true);
    thread.start();
    return new BackgroundSandbox(started);
  }

  /** How to reach the sandbox, once it has started; its start-up failure if it did not. */
  ConnectionSettings connection() {
    Sandbox sandbox = await();
    return new ConnectionSettings(null, sandbox.host(), sandbox.adminToken());
  }

  private Sandbox await() {
    try {
      return started.join();
    } catch (CompletionException e) {
      throw new IllegalStateException(
          "The sandbox did not start: " + e.getCause().getMessage(), e.getCause());
    }
  }

  /** Waits for a start still under way, so that no DuckDB file is left open. */
  @Override
  public void close() {
    try {
      started.join().close();
    } catch (CompletionException e) {
      // it never started: nothing to close
    }
  }
}
