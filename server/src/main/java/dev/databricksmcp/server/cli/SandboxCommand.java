package dev.databricksmcp.server.cli;

import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxBanner;
import dev.databricksmcp.sandbox.SandboxOptions;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code databricks-mcp sandbox}: runs the local workspace alone, for the Databricks CLI or any SDK. */
@Command(
    name = "sandbox",
    description = "Run the local sandbox workspace standalone and print the host and token to use.")
final class SandboxCommand implements Callable<Integer> {
  @ParentCommand Main parent;

  @Option(names = "--port", defaultValue = "0", description = "Loopback port (default: a free one).")
  int port;

  @Override
  public Integer call() throws Exception {
    Logging.configure(parent.common.logLevel);
    Sandbox sandbox = Sandbox.start(new SandboxOptions(port, parent.common.sandboxDir));
    CountDownLatch stopped = new CountDownLatch(1);
    java.lang.Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      sandbox.close();
      stopped.countDown();
    }, "sandbox-shutdown"));
    System.out.print(SandboxBanner.text(sandbox));
    System.out.flush();
    stopped.await();
    return 0;
  }
}
