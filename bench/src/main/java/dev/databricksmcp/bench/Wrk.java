package dev.databricksmcp.bench;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * wrk, the HTTP load generator (Debian package; bench/run.sh installs it when missing), posting one
 * MCP tools/call per request with bench/wrk/tools-call.lua: an outside client, in C, on its own
 * event loop — what a load test of a deployment sees, beside our own Java client.
 */
final class Wrk {
  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern PERCENTILE =
      Pattern.compile("^\\s+(50|99)(?:\\.000)?%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
  private static final Pattern WRONG = Pattern.compile("wrong answers: (\\d+)");
  private static final Pattern SOCKET_ERRORS =
      Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

  private Wrk() {}

  /** Calls/s that were answered with a tool success, latency percentiles in ms, failures. */
  record Result(double callsPerSecond, double p50, double p99, long errors) {}

  /** The wrk on PATH, or null. */
  static Path find() {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      File f = new File(dir, "wrk");
      if (f.canExecute() && !f.isDirectory()) {
        return f.toPath();
      }
    }
    return null;
  }

  /**
   * One run: {@code connections} kept-alive connections on two threads (the machine's cores), each
   * posting the call back to back for the window.
   *
   * @param sessions MCP session ids the requests carry in turn; empty for a stateless server
   */
  static Result run(
      Path wrk, Path script, String url, int connections, Duration window, List<String> sessions)
      throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                wrk.toString(),
                "-t2",
                "-c" + connections,
                "-d" + window.toSeconds() + "s",
                "--timeout",
                "10s",
                "--latency",
                "-s",
                script.toString(),
                url));
    if (!sessions.isEmpty()) {
      command.add("--");
      command.addAll(sessions);
    }
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("wrk failed: " + out);
    }
    return parse(out);
  }

  static Result parse(String out) {
    Matcher rate = RATE.matcher(out);
    Matcher wrong = WRONG.matcher(out);
    if (!rate.find() || !wrong.find()) {
      throw new IllegalStateException("unexpected wrk output: " + out);
    }
    double p50 = Double.NaN;
    double p99 = Double.NaN;
    for (Matcher m = PERCENTILE.matcher(out); m.find(); ) {
      double ms = Double.parseDouble(m.group(2)) * scale(m.group(3));
      if (m.group(1).equals("50")) {
        p50 = ms;
      } else {
        p99 = ms;
      }
    }
    long errors = Long.parseLong(wrong.group(1));
    Matcher socket = SOCKET_ERRORS.matcher(out);
    if (socket.find()) {
      for (int i = 1; i <= 4; i++) {
        errors += Long.parseLong(socket.group(i));
      }
    }
    // wrk's rate counts every answer, wrong ones too; ours counts successes
    double seconds = Double.NaN;
    Matcher total = Pattern.compile("(\\d+) requests in ([0-9.]+)(ms|s|m)").matcher(out);
    if (total.find()) {
      seconds =
          Double.parseDouble(total.group(2))
              * (total.group(3).equals("m") ? 60 : total.group(3).equals("ms") ? 0.001 : 1);
    }
    double rateOk =
        Double.isNaN(seconds)
            ? Double.parseDouble(rate.group(1))
            : (Long.parseLong(total.group(1)) - Long.parseLong(wrong.group(1))) / seconds;
    return new Result(rateOk, p50, p99, errors);
  }

  private static double scale(String unit) {
    return switch (unit) {
      case "us" -> 0.001;
      case "s" -> 1000;
      default -> 1;
    };
  }
}
