package dev.databricksmcp.sandbox.commands;

import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.auth.Principal;
import dev.databricksmcp.sandbox.http.SandboxUrl;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One Python script run on the user's machine, the one way the sandbox runs Python (commands and
 * job tasks, both behind the opt-in): a new {@code python3 -I} under {@code python_bridge.py} in a
 * fresh temporary directory, with an environment cleaned of everything but a few locale and path
 * variables, stdin from the null device, a time limit, and its output capped. {@code spark.sql}
 * calls back into the sandbox as the caller, with a token that is signed out when the script ends.
 */
public final class PythonProcess {
  /** The longest a script may run. */
  public static final long MAX_SECONDS = 300;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Identities identities;
  private final SandboxUrl url;

  public PythonProcess(Identities identities, SandboxUrl url) {
    this.identities = identities;
    this.url = url;
  }

  /**
   * A script to run.
   *
   * @param caller whom {@code spark.sql} runs as
   * @param settings what the bridge reads from its environment: {@code SANDBOX_CLUSTER_ID} or
   *     {@code SANDBOX_WAREHOUSE_ID} (where spark.sql runs), {@code SANDBOX_WIDGETS} (JSON), {@code
   *     SANDBOX_ARGV} (JSON)
   * @param timeoutSeconds at most {@link #MAX_SECONDS}
   * @param onStart given what stops the process, once it runs (a cancel)
   */
  public record Script(
      Principal caller,
      String text,
      Map<String, String> settings,
      long timeoutSeconds,
      Consumer<Runnable> onStart) {}

  /**
   * How the script ended.
   *
   * @param outputs what the bridge wrote to its output directory, by file name ({@code
   *     display.json}, {@code exit.json})
   */
  public record Ended(
      boolean timedOut, int exitCode, String stdout, String stderr, Map<String, String> outputs) {
    public boolean succeeded() {
      return !timedOut && exitCode == 0;
    }

    /** A traceback's last line: the exception and its message. */
    public String lastErrorLine() {
      String[] lines = stderr.strip().split("\n");
      return lines.length == 0 || lines[lines.length - 1].isBlank()
          ? "The Python code failed"
          : lines[lines.length - 1];
    }
  }

  /**
   * @throws IOException when python3 cannot be started on this machine
   */
  public Ended run(Script s) throws IOException, InterruptedException {
    Path dir = null;
    String token = "dsc-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes());
    long timeout = Math.min(Math.max(1, s.timeoutSeconds()), MAX_SECONDS);
    try {
      dir = Files.createTempDirectory("sandbox-python-");
      Path bridge = dir.resolve("python_bridge.py");
      try (InputStream in = PythonProcess.class.getResourceAsStream("python_bridge.py")) {
        Files.write(bridge, in.readAllBytes());
      }
      Path script = Files.writeString(dir.resolve("script.py"), s.text());
      Path outputs = Files.createDirectory(dir.resolve("out"));
      identities.addToken(token, s.caller(), System.currentTimeMillis() + (timeout + 5) * 1000);
      ProcessBuilder pb =
          new ProcessBuilder("python3", "-I", bridge.toString(), script.toString())
              .directory(dir.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
      Map<String, String> env = pb.environment();
      // the script sees the sandbox, not the server's own credentials or settings
      env.keySet().retainAll(List.of("PATH", "HOME", "LANG", "LC_ALL", "SYSTEMROOT", "TMPDIR"));
      env.putAll(s.settings());
      env.put("SANDBOX_HOST", url.get());
      env.put("SANDBOX_COMMAND_TOKEN", token);
      env.put("SANDBOX_OUTPUT_DIR", outputs.toString());
      env.put("PYTHONIOENCODING", "utf-8");
      Process p = pb.start();
      s.onStart().accept(p::destroyForcibly);
      CappedReader out = CappedReader.start(p.getInputStream());
      CappedReader err = CappedReader.start(p.getErrorStream());
      if (!p.waitFor(timeout, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Ended(true, -1, out.text(), err.text(), Map.of());
      }
      return new Ended(false, p.exitValue(), out.text(), err.text(), read(outputs));
    } finally {
      identities.removeToken(token);
      delete(dir);
    }
  }

  private static Map<String, String> read(Path outputs) throws IOException {
    Map<String, String> files = new HashMap<>();
    try (var list = Files.list(outputs)) {
      for (Path f : list.toList()) {
        if (Files.isRegularFile(f)) {
          files.put(f.getFileName().toString(), Files.readString(f));
        }
      }
    }
    return files;
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
