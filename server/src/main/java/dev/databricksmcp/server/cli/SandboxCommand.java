package dev.databricksmcp.server.cli;

import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxBanner;
import dev.databricksmcp.sandbox.SandboxOptions;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code databricks-mcp sandbox}: runs the local workspace alone, for the Databricks CLI or any
 * SDK.
 */
final class SandboxCommand {
  static final OptionSpec PORT =
      OptionSpec.value("--port", "PORT", null, "0", "Loopback port (default: a free one).");
  static final List<OptionSpec> SPECS = List.of(PORT);

  private SandboxCommand() {}

  static int run(CommonOptions common, ParsedArgs args, PrintStream out)
      throws InterruptedException {
    Logging.configure(common.logLevel);
    Sandbox sandbox =
        Sandbox.start(
            new SandboxOptions(args.integer(PORT), common.sandboxDir)
                .withPythonCommands(common.sandboxPython));
    CountDownLatch stopped = new CountDownLatch(1);
    java.lang.Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  sandbox.close();
                  stopped.countDown();
                },
                "sandbox-shutdown"));
    out.print(SandboxBanner.text(sandbox));
    out.flush();
    stopped.await();
    return 0;
  }
}
