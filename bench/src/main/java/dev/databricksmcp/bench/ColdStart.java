package dev.databricksmcp.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Process start → initialize → tools/list answered over stdio, and the process's peak RSS (VmHWM),
 * for any command that speaks MCP over stdio.
 */
final class ColdStart {
  /**
   * @param firstCallMillis process start → the first tool call answered, when the command makes
   *     one; NaN otherwise
   */
  record Run(double millis, long peakRssKb, double firstCallMillis) {}

  /**
   * A way to start a server: its command line, the environment it gets on top of ours, and the tool
   * it calls once tools/list is answered (null: none).
   */
  record Command(List<String> argv, Map<String, String> env, String firstTool) {
    Command(List<String> argv, Map<String, String> env) {
      this(argv, env, null);
    }
  }

  private static final String INIT =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
          + "\"clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}}\n";
  private static final String INITIALIZED =
      "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n";
  private static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}\n";

  private ColdStart() {}

  /**
   * {@code n} starts of every command, taken in turns (one of each, then again), so that a slow
   * moment of the machine falls on all of them alike; one unmeasured start of each first (the
   * launcher prepares its start-up cache on its first run after a build, and the file cache warms).
   */
  static Map<String, List<Run>> interleaved(Map<String, Command> commands, int n) throws Exception {
    Map<String, List<Run>> runs = new LinkedHashMap<>();
    for (Map.Entry<String, Command> c : commands.entrySet()) {
      once(c.getValue());
      runs.put(c.getKey(), new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      for (Map.Entry<String, Command> c : commands.entrySet()) {
        runs.get(c.getKey()).add(once(c.getValue()));
      }
    }
    return runs;
  }

  static Run once(Command command) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(command.argv()).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().putAll(command.env());
    long start = System.nanoTime();
    Process p = pb.start();
    OutputStream in = p.getOutputStream();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    in.write(INIT.getBytes(StandardCharsets.UTF_8));
    in.flush();
    readUntilId(out, 1);
    in.write((INITIALIZED + LIST).getBytes(StandardCharsets.UTF_8));
    in.flush();
    String list = readUntilId(out, 2);
    double millis = (System.nanoTime() - start) / 1e6;
    double firstCall = Double.NaN;
    if (command.firstTool() != null) {
      in.write(call(command.firstTool()).getBytes(StandardCharsets.UTF_8));
      in.flush();
      String answer = readUntilId(out, 3);
      if (answer.contains("\"isError\":true")) {
        throw new IllegalStateException(
            command.firstTool()
                + " failed: "
                + answer.substring(0, Math.min(300, answer.length())));
      }
      firstCall = (System.nanoTime() - start) / 1e6;
    }
    long rss = peakRss(p.pid());
    in.close();
    if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    if (!list.contains("\"tools\"")) {
      throw new IllegalStateException(
          "tools/list was not answered with tools: "
              + list.substring(0, Math.min(200, list.length())));
    }
    return new Run(millis, rss, firstCall);
  }

  private static String call(String tool) {
    return "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\""
        + tool
        + "\",\"arguments\":{}}}\n";
  }

  /**
   * The response to request {@code id}, skipping notifications (the reference server sends
   * list_changed first).
   */
  private static String readUntilId(BufferedReader out, int id) throws Exception {
    String line;
    while ((line = out.readLine()) != null) {
      if (line.contains("\"id\":" + id + ",") || line.contains("\"id\":" + id + "}")) {
        return line;
      }
    }
    throw new IllegalStateException("the server closed stdout before answering request " + id);
  }

  /** Peak resident set size so far, from /proc (Linux); -1 when unknown. */
  static long peakRss(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (Exception e) {
      return -1;
    }
    return -1;
  }
}
