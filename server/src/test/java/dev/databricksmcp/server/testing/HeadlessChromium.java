package dev.databricksmcp.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real headless Chromium for tests, driven over the Chrome DevTools Protocol with nothing but the
 * JDK ({@link java.net.http.WebSocket}) and Jackson. Start one with {@link #launch()}, open pages
 * with {@link #open}, then on a {@link Page}: {@link Page#evaluate} JavaScript (in the page or in a
 * named iframe, in-process or not), {@link Page#waitFor} a condition, read the console errors and
 * uncaught exceptions it collected ({@link Page#errors}), take a {@link Page#screenshot}. {@link
 * #close()} ends the browser and removes its profile.
 *
 * <p>Chromium is not on CI machines by default: guard a test with {@code
 * Assumptions.assumeTrue(HeadlessChromium.available(), HeadlessChromium.MISSING)}. The binary is
 * {@code /usr/bin/chromium} (Debian's package), or the path in {@code CHROMIUM}. It runs with no
 * sandbox, GPU, network services or first-run UI, on a fresh temporary profile, with the DevTools
 * port chosen by the system (read back from its "DevTools listening on ws://…" line).
 */
public final class HeadlessChromium implements AutoCloseable {
  /** Why a test was skipped: how to get the browser. */
  public static final String MISSING =
      "Chromium is not installed at " + binary() + ": apt-get install -y chromium";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> calls = new ConcurrentHashMap<>();
  private final Map<String, Page> pages = new ConcurrentHashMap<>();
  private final Map<String, String> sessionOfTarget = new ConcurrentHashMap<>();
  private final Map<String, Page> pageOfSession = new ConcurrentHashMap<>();

  /** The browser binary: {@code CHROMIUM} when set, else Debian's {@code /usr/bin/chromium}. */
  public static Path binary() {
    String configured = System.getenv("CHROMIUM");
    return Path.of(configured == null || configured.isBlank() ? "/usr/bin/chromium" : configured);
  }

  /** Whether a browser is there to launch. */
  public static boolean available() {
    return Files.isExecutable(binary());
  }

  private HeadlessChromium(Process process, Path profile, String browserUrl) throws Exception {
    this.process = process;
    this.profile = profile;
    this.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(URI.create(browserUrl), new Listener())
            .get(30, TimeUnit.SECONDS);
  }

  /** Starts a headless browser; fails if it does not print its DevTools address within 30 s. */
  public static HeadlessChromium launch() throws Exception {
    Path profile = Files.createTempDirectory("chromium-profile");
    Process process =
        new ProcessBuilder(
                binary().toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile,
                "--remote-debugging-port=0",
                "about:blank")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    CompletableFuture<String> address = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader err =
                  new BufferedReader(
                      new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = err.readLine()) != null) {
                  int at = line.indexOf("DevTools listening on ");
                  if (at >= 0) {
                    address.complete(line.substring(at + "DevTools listening on ".length()).trim());
                  }
                }
              } catch (IOException ignored) {
                // the browser ended; a caller still waiting gets the timeout below
              }
              address.completeExceptionally(new IllegalStateException("Chromium ended early"));
            },
            "chromium-stderr");
    reader.setDaemon(true);
    reader.start();
    try {
      return new HeadlessChromium(process, profile, address.get(30, TimeUnit.SECONDS));
    } catch (Exception e) {
      process.destroyForcibly();
      delete(profile);
      throw e;
    }
  }

  /** Opens a new 1024x768 tab at {@code url}. */
  public Page open(String url) throws Exception {
    return open(url, 1024, 768);
  }

  /** Opens a new tab of {@code width}x{@code height} CSS pixels at {@code url}. */
  public Page open(String url, int width, int height) throws Exception {
    String targetId =
        call(null, "Target.createTarget", Map.of("url", "about:blank")).path("targetId").asText();
    String session =
        call(null, "Target.attachToTarget", Map.of("targetId", targetId, "flatten", true))
            .path("sessionId")
            .asText();
    Page page = new Page(session);
    pages.put(targetId, page);
    pageOfSession.put(session, page);
    page.enable();
    call(
        session,
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    call(session, "Page.navigate", Map.of("url", url));
    return page;
  }

  @Override
  public void close() {
    try {
      call(null, "Browser.close", Map.of());
    } catch (Exception ignored) {
      // it is being ended anyway
    }
    socket.abort();
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    delete(profile);
  }

  /** One DevTools command; its result, or an exception carrying the protocol's error. */
  JsonNode call(String session, String method, Map<String, ?> params) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode message = JSON.createObjectNode();
    message.put("id", id);
    message.put("method", method);
    message.set("params", JSON.valueToTree(params));
    if (session != null) {
      message.put("sessionId", session);
    }
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    calls.put(id, answer);
    synchronized (socket) {
      socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
    }
    JsonNode reply = answer.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (reply.has("error")) {
      throw new IllegalStateException(method + ": " + reply.get("error"));
    }
    return reply.path("result");
  }

  private void received(JsonNode m) {
    if (m.has("id")) {
      CompletableFuture<JsonNode> answer = calls.remove(m.get("id").asInt());
      if (answer != null) {
        answer.complete(m);
      }
      return;
    }
    String method = m.path("method").asText();
    JsonNode params = m.path("params");
    if ("Target.attachedToTarget".equals(method)) {
      // an out-of-process iframe of a page: attached, its runtime followed like the page's
      String child = params.path("sessionId").asText();
      String parent = m.path("sessionId").asText(null);
      Page page = parent == null ? null : pageOfSession.get(parent);
      if (page != null) {
        sessionOfTarget.put(params.path("targetInfo").path("targetId").asText(), child);
        pageOfSession.put(child, page);
        CompletableFuture.runAsync(() -> page.follow(child));
      }
      return;
    }
    Page page = pageOfSession.get(m.path("sessionId").asText(""));
    if (page != null) {
      page.event(m.path("sessionId").asText(), method, params);
    }
  }

  /** One tab: evaluation, waiting, the errors it logged, screenshots. */
  public final class Page {
    private final String session;
    private final List<String> errors = new CopyOnWriteArrayList<>();

    /** Default execution contexts by frame id, for in-process iframes. */
    private final Map<String, Integer> contexts = new ConcurrentHashMap<>();

    private Page(String session) {
      this.session = session;
    }

    private void enable() throws Exception {
      follow(session);
      call(session, "Page.enable", Map.of());
    }

    /** Follows one session's runtime and log, and attaches its out-of-process frames. */
    private void follow(String target) {
      try {
        call(target, "Runtime.enable", Map.of());
        call(target, "Log.enable", Map.of());
        call(
            target,
            "Target.setAutoAttach",
            Map.of("autoAttach", true, "waitForDebuggerOnStart", false, "flatten", true));
      } catch (Exception e) {
        errors.add("could not follow a frame: " + e.getMessage());
      }
    }

    private void event(String from, String method, JsonNode params) {
      switch (method) {
        case "Runtime.executionContextCreated" -> {
          JsonNode aux = params.path("context").path("auxData");
          if (aux.path("isDefault").asBoolean()) {
            contexts.put(aux.path("frameId").asText(), params.path("context").path("id").asInt());
          }
        }
        case "Runtime.consoleAPICalled" -> {
          if ("error".equals(params.path("type").asText())) {
            List<String> args = new ArrayList<>();
            params.path("args").forEach(a -> args.add(a.path("value").asText(a.toString())));
            errors.add("console.error: " + String.join(" ", args));
          }
        }
        case "Runtime.exceptionThrown" -> {
          JsonNode details = params.path("exceptionDetails");
          errors.add(
              "exception: "
                  + details
                      .path("exception")
                      .path("description")
                      .asText(details.path("text").asText()));
        }
        case "Log.entryAdded" -> {
          JsonNode entry = params.path("entry");
          if ("error".equals(entry.path("level").asText())) {
            errors.add("log: " + entry.path("text").asText() + " " + entry.path("url").asText(""));
          }
        }
        default -> {}
      }
    }

    /** The console errors, uncaught exceptions and error log entries seen so far, in order. */
    public List<String> errors() {
      return List.copyOf(errors);
    }

    /** Evaluates {@code js} in the page; a string as is, anything else as JSON text. */
    public String evaluate(String js) throws Exception {
      return evaluateIn(session, null, js);
    }

    /** Evaluates {@code js} in the iframe with this {@code name} attribute, wherever it runs. */
    public String evaluateInFrame(String frameName, String js) throws Exception {
      String frameId =
          frameId(call(session, "Page.getFrameTree", Map.of()).path("frameTree"), frameName);
      if (frameId == null) {
        // an out-of-process frame (a sandboxed iframe, say) is not in its parent's frame tree:
        // it is a target of its own, attached to this page; ask each its window's name
        for (String child : sessionOfTarget.values()) {
          if (pageOfSession.get(child) == this
              && frameName.equals(evaluateIn(child, null, "window.name"))) {
            return evaluateIn(child, null, js);
          }
        }
        throw new IllegalStateException("no frame named " + frameName);
      }
      String oopif = sessionOfTarget.get(frameId);
      if (oopif != null) {
        return evaluateIn(oopif, null, js);
      }
      Integer context = contexts.get(frameId);
      if (context == null) {
        throw new IllegalStateException("frame " + frameName + " has no JavaScript context yet");
      }
      return evaluateIn(session, context, js);
    }

    private String evaluateIn(String target, Integer context, String js) throws Exception {
      Map<String, Object> params = new java.util.HashMap<>();
      params.put("expression", js);
      params.put("returnByValue", true);
      params.put("awaitPromise", true);
      if (context != null) {
        params.put("contextId", context);
      }
      JsonNode result = call(target, "Runtime.evaluate", params);
      if (result.has("exceptionDetails")) {
        JsonNode d = result.get("exceptionDetails");
        throw new IllegalStateException(
            "evaluation failed: " + d.path("exception").path("description").asText(d.toString()));
      }
      JsonNode value = result.path("result").path("value");
      return value.isTextual() ? value.asText() : value.toString();
    }

    /**
     * Waits until {@code condition} evaluates to true (in the page, or in the named frame when
     * {@code frameName} is not null); on timeout fails with the errors seen.
     */
    public void waitFor(String frameName, String condition, Duration timeout) throws Exception {
      long end = System.nanoTime() + timeout.toNanos();
      String last = null;
      while (System.nanoTime() < end) {
        try {
          last =
              frameName == null
                  ? evaluate("!!(" + condition + ")")
                  : evaluateInFrame(frameName, "!!(" + condition + ")");
          if ("true".equals(last)) {
            return;
          }
        } catch (IllegalStateException notYet) {
          last = notYet.getMessage();
        }
        Thread.sleep(100);
      }
      throw new AssertionError(
          "timed out waiting for "
              + condition
              + " (last: "
              + last
              + "); errors: "
              + errors
              + "; frames: "
              + frames());
    }

    /** The page's frame tree as DevTools reports it (ids, names, urls), for diagnostics. */
    public String frames() throws Exception {
      return call(session, "Page.getFrameTree", Map.of()).path("frameTree").toString();
    }

    /** A PNG of the visible page. */
    public void screenshot(Path file) throws Exception {
      String data =
          call(session, "Page.captureScreenshot", Map.of("format", "png")).path("data").asText();
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, Base64.getDecoder().decode(data));
    }
  }

  private static String frameId(JsonNode tree, String name) {
    JsonNode frame = tree.path("frame");
    if (name.equals(frame.path("name").asText())) {
      return frame.path("id").asText();
    }
    for (JsonNode child : tree.path("childFrames")) {
      String found = frameId(child, name);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** Collects text frames into whole messages. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        try {
          received(JSON.readTree(text));
        } catch (IOException e) {
          // not JSON: nothing the protocol sends
        }
      }
      ws.request(1);
      return null;
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary profile left behind is harmless
    }
  }
}
