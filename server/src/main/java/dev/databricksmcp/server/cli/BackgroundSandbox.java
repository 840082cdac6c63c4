package dev.databricksmcp.server.cli;

import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxBanner;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.server.connection.ConnectionSettings;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox started on a thread of its own, so that the server answers {@code initialize} and
 * {@code tools/list} while DuckDB loads the sample data: start-up no longer waits for the sandbox,
 * and the first tool call that needs it does (BENCHMARKS.md, start-up with the sandbox).
 *
 * <p>Its boot may be held back until {@link #boot()}: over stdio the server boots it once the
 * client has its tool list, because on two cores a boot beside the server's own start delays that
 * list by a third. It boots at the latest when a tool first asks for the connection, or once the
 * given delay has passed.
 */
final class BackgroundSandbox implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundSandbox.class);

  private final CompletableFuture<Sandbox> started = new CompletableFuture<>();
  private final CountDownLatch go = new CountDownLatch(1);
  private volatile boolean closing;

  private BackgroundSandbox() {}

  /** Boots now. */
  static BackgroundSandbox start(SandboxOptions options) {
    BackgroundSandbox sandbox = deferred(options, Duration.ZERO);
    sandbox.boot();
    return sandbox;
  }

  /** Boots on {@link #boot()}, on the first {@link #connection()}, or after {@code atLatest}. */
  static BackgroundSandbox deferred(SandboxOptions options, Duration atLatest) {
    BackgroundSandbox sandbox = new BackgroundSandbox();
    Thread thread = new Thread(() -> sandbox.run(options, atLatest), "sandbox-start");
    thread.setDaemon(true);
    thread.start();
    return sandbox;
  }

  /** Lets the boot begin, if it has not. */
  void boot() {
    go.countDown();
  }

  private void run(SandboxOptions options, Duration atLatest) {
    try {
      go.await(atLatest.toMillis(), TimeUnit.MILLISECONDS);
      if (closing) {
        started.completeExceptionally(new IllegalStateException("closed before it was needed"));
        return;
      }
      Sandbox sandbox = Sandbox.start(options);
      LOG.info(
          "Using the local SANDBOX workspace at {} (not a real Databricks workspace). {}",
          sandbox.host(),
          SandboxBanner.thingsToTry());
      started.complete(sandbox);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      started.completeExceptionally(new IllegalStateException("interrupted before it booted", e));
    } catch (RuntimeException | Error e) {
      LOG.error("The sandbox did not start: {}", e.getMessage());
      started.completeExceptionally(e);
    }
  }

  /** How to reach the sandbox, once it has started; its start-up failure if it did not. */
  ConnectionSettings connection() {
    boot();
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

  /**
   * Waits for a start still under way, so that no DuckDB file is left open; one not begun never
   * begins.
   */
  @Override
  public void close() {
    closing = true;
    boot();
    try {
      started.join().close();
    } catch (CompletionException e) {
      // it never started: nothing to close
    }
  }
}
