package dev.databricksmcp.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stdio server explains itself to a person at a terminal and says nothing to a client: the
 * decision (the launcher's word first, the console's without it) and the launcher's side, run under
 * a pseudo-terminal ({@code script}) and with a pipe, with a stand-in java that records its
 * arguments.
 */
class TerminalHintTest {
  @Test
  void theLaunchersWordDecidesAndWithoutItTheConsole() {
    assertThat(TerminalHint.stdinIsTerminal("terminal", null)).isTrue();
    assertThat(TerminalHint.stdinIsTerminal("pipe", System.console())).isFalse();
    // java -jar from a client: no word, and no console when stdin and stdout are pipes
    assertThat(TerminalHint.stdinIsTerminal(null, null)).isFalse();
  }

  @Test
  void twoLinesSayWhatThisIsHowToConnectAndHowToTryATool() {
    String text = TerminalHint.text(true);

    assertThat(text.lines()).hasSize(2);
    assertThat(text)
        .contains("MCP server")
        .contains("stdin/stdout")
        .contains("client-config")
        .contains("databricks-mcp --sandbox tools")
        .contains("databricks-mcp --sandbox call get_workspace_info")
        .contains("databricks-mcp --sandbox doctor");
    assertThat(TerminalHint.text(false)).doesNotContain("--sandbox");
  }

  @Test
  @Timeout(30)
  void theLauncherTellsTheServerWhetherStdinIsATerminal(@TempDir Path root) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "needs script(1) for a pty");
    Files.copy(
        Path.of("..", "databricks-mcp"),
        root.resolve("databricks-mcp"),
        StandardCopyOption.COPY_ATTRIBUTES);
    Files.createDirectories(root.resolve("server/target"));
    Files.writeString(root.resolve("server/target/databricks-mcp.jar"), "not built: no sources");
    Path java = root.resolve("jdk/bin/java");
    Files.createDirectories(java.getParent());
    Path recorded = root.resolve("args");
    Files.writeString(java, "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\" > " + recorded + "\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    String launcher = root.resolve("databricks-mcp").toString();

    run(root, List.of("/usr/bin/script", "-qec", launcher + " --sandbox", "/dev/null"));
    assertThat(Files.readAllLines(recorded))
        .contains("-Ddatabricks.mcp.stdin=terminal", "-Ddatabricks.mcp.launcher=" + launcher)
        .endsWith("--sandbox");

    run(root, List.of(launcher, "--sandbox"));
    assertThat(Files.readAllLines(recorded))
        .contains("-Ddatabricks.mcp.stdin=pipe")
        .doesNotContain("-Ddatabricks.mcp.stdin=terminal");
  }

  private static void run(Path root, List<String> command)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile());
    pb.environment().put("JAVA_HOME", root.resolve("jdk").toString());
    pb.environment().put("DATABRICKS_MCP_CDS", "off");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
  }
}
