package dev.databricksmcp.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code databricks-mcp serve}: the default command, spelled out. */
@Command(name = "serve", description = "Serve MCP over stdio (default) or Streamable HTTP.", sortOptions = false)
final class ServeCommand implements Callable<Integer> {
  @ParentCommand Main parent;
  @Mixin ServeOptions serve;

  @Override
  public Integer call() throws Exception {
    return Serve.run(parent.common, serve);
  }
}
