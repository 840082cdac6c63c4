package dev.databricksmcp.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Process start → initialize → tools/list answered over stdio, and the process's peak RSS (VmHWM),
 * for any command that speaks MCP over stdio.
 */
final class ColdStart {
  record Run(double millis, long peakRssKb, int toolsListBytes) {}

  private static final String INIT =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
          + "\"clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}}\n";
  private static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n";
  private static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}\n";

  private ColdStart() {}

  static Run once(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().putAll(env);
    long start = System.nanoTime();
    Process p = pb.start();
    OutputStream in = p.getOutputStream();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    in.write(INIT.getBytes(StandardCharsets.UTF_8));
    in.flush();
    readUntilId(out, 1);
    in.write((INITIALIZED + LIST).getBytes(StandardCharsets.UTF_8));
    in.flush();
    String list = readUntilId(out, 2);
    double millis = (System.nanoTime() - start) / 1e6;
    long rss = peakRss(p.pid());
    in.close();
    if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    return new Run(millis, rss, list.length());
  }

  static List<Run> repeat(int n, List<String> command, Map<String, String> env) throws Exception {
    once(command, env); // warm the file cache: we measure start-up, not disk
    List<Run> runs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      runs.add(once(command, env));
    }
    return runs;
  }

  private static String readUntilId(BufferedReader out, int id) throws Exception {
    String line;
    while ((line = out.readLine()) != null) {
      if (line.contains("\"id\":" + id + ",") || line.contains("\"id\":" + id + "}")) {
        return line;
      }
    }
    throw new IllegalStateException("the server closed stdout before answering request " + id);
  }

  /** Peak resident set size so far, from /proc (Linux). */
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
