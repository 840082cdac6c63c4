package dev.databricksmcp.sandbox.commands;

import com.databricks.sdk.service.compute.Results;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.http.Json;
import dev.databricksmcp.sandbox.http.SandboxUrl;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Python command, which is code running on the user's machine: refused with an error result
 * unless the sandbox was started with the opt-in ({@code --sandbox-python}); with it, run in a new
 * local {@code python3} process per command (no state carries from one command to the next), with a
 * time limit, its output capped. {@code spark.sql(...)} in the command calls back into the sandbox
 * as the caller, with a token that is signed out when the command ends ({@code python_bridge.py}).
 */
final class PythonCommands {
  /** How long a command may run before it is stopped with an error result. */
  static final long TIMEOUT_SECONDS = 300;

  static final String NOT_ENABLED =
      "Python commands are off in this sandbox: they would run code on this machine. Restart the"
          + " sandbox with --sandbox-python (SandboxOptions.withPythonCommands(true)) to run them"
          + " in a local python3.";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final boolean enabled;
  private final Identities identities;
  private final SandboxUrl url;

  PythonCommands(boolean enabled, Identities identities, SandboxUrl url) {
    this.enabled = enabled;
    this.identities = identities;
    this.url = url;
  }

  Results run(RunningCommand c) throws InterruptedException {
    if (!enabled) {
      return CommandResults.error("Python commands are not enabled", NOT_ENABLED);
    }
    Path dir = null;
    String token = "dsc-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes());
    try {
      dir = Files.createTempDirectory("sandbox-python-");
      Path bridge = dir.resolve("python_bridge.py");
      try (InputStream in = PythonCommands.class.getResourceAsStream("python_bridge.py")) {
        Files.write(bridge, in.readAllBytes());
      }
      Path command = Files.writeString(dir.resolve("command.py"), c.text);
      Path display = dir.resolve("display.json");
      identities.addToken(
          token, c.caller, System.currentTimeMillis() + (TIMEOUT_SECONDS + 5) * 1000);
      ProcessBuilder pb =
          new ProcessBuilder("python3", "-I", bridge.toString(), command.toString())
              .directory(dir.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
      Map<String, String> env = pb.environment();
      // the command sees the sandbox, not the server's own credentials or settings
      env.keySet().retainAll(List.of("PATH", "HOME", "LANG", "LC_ALL", "SYSTEMROOT", "TMPDIR"));
      env.put("SANDBOX_HOST", url.get());
      env.put("SANDBOX_COMMAND_TOKEN", token);
      env.put("SANDBOX_CLUSTER_ID", c.context.clusterId);
      env.put("SANDBOX_DISPLAY_FILE", display.toString());
      env.put("PYTHONIOENCODING", "utf-8");
      Process p = pb.start();
      c.interrupt = p::destroyForcibly;
      CappedReader out = CappedReader.start(p.getInputStream());
      CappedReader err = CappedReader.start(p.getErrorStream());
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return CommandResults.error(
            "Command timed out", "The command ran longer than " + TIMEOUT_SECONDS + " seconds.");
      }
      String stdout = out.text();
      if (p.exitValue() != 0) {
        String cause = err.text();
        return CommandResults.error(lastLine(cause), cause);
      }
      if (Files.exists(display)) {
        return table(display);
      }
      return CommandResults.text(stdout);
    } catch (IOException e) {
      return CommandResults.error(
          "python3 could not be started",
          "The sandbox could not run python3 on this machine: " + e.getMessage());
    } finally {
      identities.removeToken(token);
      delete(dir);
    }
  }

  private static Results table(Path display) throws IOException {
    Map<String, Object> shown =
        Json.MAPPER.readValue(display.toFile(), new TypeReference<Map<String, Object>>() {});
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> schema = (List<Map<String, Object>>) shown.get("schema");
    @SuppressWarnings("unchecked")
    List<List<Object>> data = (List<List<Object>>) shown.get("data");
    return CommandResults.table(schema, data, Boolean.TRUE.equals(shown.get("truncated")));
  }

  /** A traceback's last line: the exception and its message. */
  static String lastLine(String text) {
    String[] lines = text.strip().split("\n");
    return lines.length == 0 || lines[lines.length - 1].isBlank()
        ? "The command failed"
        : lines[lines.length - 1];
  }

  private static byte[] bytes() {
    byte[] b = new byte[24];
    RANDOM.nextBytes(b);
    return b;
  }

  private static java.io.File nullDevice() {
    return new java.io.File(
        System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a temp directory left behind is harmless
    }
  }

  /** Reads a process's stream on its own thread, keeping at most MAX_TEXT_CHARS of it. */
  private static final class CappedReader extends Thread {
    private final InputStream in;
    private final StringBuilder text = new StringBuilder();
    private boolean cut;

    private CappedReader(InputStream in) {
      this.in = in;
      setDaemon(true);
    }

    static CappedReader start(InputStream in) {
      CappedReader r = new CappedReader(in);
      r.start();
      return r;
    }

    @Override
    public void run() {
      byte[] buf = new byte[8192];
      java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
      try {
        int n;
        while ((n = in.read(buf)) >= 0) {
          int room = CommandResults.MAX_TEXT_CHARS - kept.size();
          if (room > 0) {
            kept.write(buf, 0, Math.min(n, room));
          }
          cut |= n > room;
        }
      } catch (IOException e) {
        // the process was stopped: keep what was read
      }
      synchronized (this) {
        text.append(kept.toString(StandardCharsets.UTF_8));
      }
    }

    /** What the process wrote, once it has closed the stream (cut past the cap, with a note). */
    String text() throws InterruptedException {
      join(TimeUnit.SECONDS.toMillis(10));
      synchronized (this) {
        return cut ? text + "\n*** WARNING: output truncated ***" : text.toString();
      }
    }
  }
}
