package dev.databricksmcp.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.testing.TestTools;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The command line: help, version, tools, call; options mean the same before and after a
 * subcommand.
 */
class CliTest {
  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    return runWithEnv(Map.of(), args);
  }

  private static Run runWithEnv(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            env);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void helpDocumentsEveryOption() {
    Run help = run("--help");
    assertThat(help.code()).isZero();
    for (String option :
        List.of(
            "--sandbox",
            "--sandbox-dir",
            "--profile",
            "--toolsets",
            "--dynamic-toolsets",
            "--tools",
            "--exclude-tools",
            "--read-only",
            "--log-level",
            "--transport",
            "--host",
            "--port",
            "--stateless",
            "--allowed-origins",
            "--allowed-hosts",
            "--no-confirm",
            "--audit-log",
            "--rate-limit",
            "--auth",
            "--version",
            "serve",
            "tools",
            "call",
            "sandbox")) {
      assertThat(help.out()).contains(option);
    }
    assertThat(run("call", "--help").out()).contains("--args").contains("--sandbox");
  }

  @Test
  void versionPrintsTheServerVersion() {
    Run version = run("--version");
    assertThat(version.code()).isZero();
    assertThat(version.out()).startsWith("databricks-mcp ");
  }

  @Test
  void toolsListsTheEnabledTools() {
    Run tools = run("tools");
    assertThat(tools.code()).isZero();
    assertThat(tools.out()).contains("get_workspace_info").containsPattern("\\d+ tools");
    assertThat(run("tools", "--json").out())
        .startsWith("[")
        .contains("\"name\":\"get_workspace_info\"");
    assertThat(run("tools", "--markdown").out()).startsWith("| toolset | tool |");
  }

  @Test
  void optionsMeanTheSameBeforeAndAfterASubcommand() {
    assertThat(run("--read-only", "tools", "--json").out())
        .isEqualTo(run("tools", "--json", "--read-only").out());
    assertThat(run("--toolsets", "all", "tools").out())
        .isEqualTo(run("tools", "--toolsets", "all").out());
  }

  @Test
  void unknownNamesExitTwoListingTheValidOnes() {
    Run badToolset = run("--toolsets", "nope", "tools");
    assertThat(badToolset.code()).isEqualTo(2);
    assertThat(badToolset.err()).contains("unknown toolset 'nope'").contains("catalog");

    // a toolset without tools does not exist: refused, not accepted and silently empty
    Run toolsetWithoutTools = run("--toolsets", "no_tools_here", "tools");
    assertThat(toolsetWithoutTools.code()).isEqualTo(2);
    assertThat(toolsetWithoutTools.err())
        .contains(
            "unknown toolset 'no_tools_here'; valid toolsets: all, default, workspace, admin, ai,"
                + " catalog, compute, files, jobs, ml, sql");

    Run badTool = run("call", "no_such_tool");
    assertThat(badTool.code()).isEqualTo(2);
    assertThat(badTool.err()).contains("unknown tool 'no_such_tool'");
  }

  @Test
  void dynamicToolsetsAreRefusedWithStatelessHttp() {
    Run run =
        run("--dynamic-toolsets", "--transport", "http", "--stateless", "--port", "0", "--sandbox");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .contains("--dynamic-toolsets cannot be used with --stateless")
        .contains("--toolsets");
  }

  @Test
  void callWithoutAnyWorkspaceSaysWhatToSet() {
    // surefire clears DATABRICKS_* and points DATABRICKS_CONFIG_FILE at a file that does not exist
    Run call = run("call", "get_workspace_info");
    assertThat(call.code()).isEqualTo(2);
    assertThat(call.err()).contains("DATABRICKS_HOST").contains("--profile").contains("--sandbox");
  }

  @Test
  void keyValueArgumentsAreTypedByTheSchema() {
    ToolDef echo = TestTools.echo();
    Map<String, Object> args =
        CallCommand.CallArguments.parse(echo, "{\"count\":2}", List.of("name=123", "count=3"));
    assertThat(args).containsEntry("name", "123").containsEntry("count", 3);
  }
}
