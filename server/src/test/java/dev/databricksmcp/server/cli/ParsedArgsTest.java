package dev.databricksmcp.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the command line and the environment become option values, and how mistakes are reported. */
class ParsedArgsTest {
  private static ParsedArgs parse(Map<String, String> env, String... args) {
    return ParsedArgs.parse(args, env);
  }

  @Test
  void theCommandLineWinsOverTheVariableWhichWinsOverTheDefault() {
    assertThat(parse(Map.of()).integer(CommonOptions.RATE_LIMIT)).isEqualTo(600);
    assertThat(parse(Map.of("DATABRICKS_MCP_RATE_LIMIT", "5")).integer(CommonOptions.RATE_LIMIT))
        .isEqualTo(5);
    assertThat(
            parse(Map.of("DATABRICKS_MCP_RATE_LIMIT", "5"), "--rate-limit", "7")
                .integer(CommonOptions.RATE_LIMIT))
        .isEqualTo(7);
    assertThat(
            parse(Map.of("DATABRICKS_MCP_RATE_LIMIT", " "), "tools")
                .integer(CommonOptions.RATE_LIMIT))
        .isEqualTo(600);
  }

  @Test
  void flagsComeFromTheSwitchOrTheVariable() {
    assertThat(parse(Map.of()).flag(CommonOptions.READ_ONLY)).isFalse();
    assertThat(parse(Map.of(), "--read-only").flag(CommonOptions.READ_ONLY)).isTrue();
    assertThat(parse(Map.of("DATABRICKS_MCP_READ_ONLY", "TRUE")).flag(CommonOptions.READ_ONLY))
        .isTrue();
    assertThat(
            parse(Map.of("DATABRICKS_MCP_READ_ONLY", "true"), "--read-only=false")
                .flag(CommonOptions.READ_ONLY))
        .isFalse();
  }

  @Test
  void listsSplitOnCommasAndAccumulateOverRepeats() {
    ParsedArgs args =
        parse(
            Map.of("DATABRICKS_MCP_TOOLS", "ignored"),
            "--tools",
            "a, b",
            "--tools=c",
            "--tools",
            ",d,");
    assertThat(args.list(CommonOptions.TOOLS)).isEqualTo(List.of("a", "b", "c", "d"));
    assertThat(parse(Map.of("DATABRICKS_MCP_TOOLSETS", "catalog,sql")).list(CommonOptions.TOOLSETS))
        .isEqualTo(List.of("catalog", "sql"));
  }

  @Test
  void commonOptionsGoBeforeOrAfterTheCommandAndEachCommandHasItsOwn() {
    ParsedArgs before =
        parse(Map.of(), "--sandbox", "call", "get_table", "full_name=a.b.c", "--args", "{}");
    ParsedArgs after = parse(Map.of(), "call", "get_table", "--sandbox", "full_name=a.b.c");
    assertThat(before.command).isEqualTo(Command.CALL);
    assertThat(before.flag(CommonOptions.SANDBOX)).isTrue();
    assertThat(after.flag(CommonOptions.SANDBOX)).isTrue();
    assertThat(before.positionals).isEqualTo(List.of("get_table", "full_name=a.b.c"));
    assertThat(after.positionals).isEqualTo(before.positionals);
    assertThat(before.string(CallCommand.ARGS)).isEqualTo("{}");

    // serve's --port and the sandbox command's --port are different options
    ParsedArgs sandbox = parse(Map.of("PORT", "9000"), "sandbox", "--port", "1234");
    assertThat(sandbox.integer(SandboxCommand.PORT)).isEqualTo(1234);
    assertThat(sandbox.integer(ServeOptions.PORT)).isEqualTo(9000);
    assertThat(parse(Map.of(), "--port", "8123").command).isEqualTo(Command.SERVE);
    assertThat(parse(Map.of(), "--port", "8123").integer(ServeOptions.PORT)).isEqualTo(8123);
  }

  @Test
  void everyMistakeNamesWhatIsWrong() {
    assertThatThrownBy(() -> parse(Map.of(), "--no-such-option"))
        .isInstanceOf(UsageProblem.class)
        .hasMessageContaining("unknown option '--no-such-option'");
    assertThatThrownBy(() -> parse(Map.of(), "tools", "--args", "{}"))
        .hasMessageContaining("unknown option '--args' for 'tools'");
    assertThatThrownBy(() -> parse(Map.of(), "serv"))
        .hasMessageContaining("unknown command 'serv'")
        .hasMessageContaining("serve, tools, call, sandbox");
    assertThatThrownBy(() -> parse(Map.of(), "tools", "extra"))
        .hasMessageContaining("unexpected argument 'extra'");
    assertThatThrownBy(() -> parse(Map.of(), "--toolsets"))
        .hasMessageContaining("--toolsets needs a value (LIST)");
    assertThatThrownBy(() -> parse(Map.of(), "--toolsets", "--read-only"))
        .hasMessageContaining("--toolsets needs a value");
    assertThatThrownBy(() -> parse(Map.of(), "--port", "eighty").integer(ServeOptions.PORT))
        .hasMessage("--port must be a whole number (got 'eighty')");
    assertThatThrownBy(() -> parse(Map.of("PORT", "x")).integer(ServeOptions.PORT))
        .hasMessage("PORT must be a whole number (got 'x')");
    assertThatThrownBy(
            () -> parse(Map.of("DATABRICKS_MCP_SANDBOX", "maybe")).flag(CommonOptions.SANDBOX))
        .hasMessage("DATABRICKS_MCP_SANDBOX must be true or false (got 'maybe')");
    assertThatThrownBy(() -> ServeOptions.from(parse(Map.of(), "--transport", "grpc")))
        .hasMessageContaining("--transport must be stdio or http");
  }

  @Test
  void aValueMayLookLikeAnOptionOnlyWhenItIsNotOne() {
    assertThat(parse(Map.of(), "--profile", "-dev").string(CommonOptions.PROFILE))
        .isEqualTo("-dev");
    assertThat(parse(Map.of(), "call", "--", "--weird-tool").positionals)
        .isEqualTo(List.of("--weird-tool"));
  }
}
