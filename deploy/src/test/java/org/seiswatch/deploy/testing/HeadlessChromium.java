package org.seiswatch.deploy.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.seiswatch.common.json.Json;

/**
 * Debian's {@code chromium} in headless mode, driven over the Chrome DevTools Protocol
 * (https://chromedevtools.github.io/devtools-protocol/) on one {@link WebSocket} to the browser
 * target, with one page attached in flat mode ({@code sessionId} on every page command). No
 * dependency beyond the JDK and Jackson.
 *
 * <p>{@link #launch()} skips the calling test when chromium is not installed, except under {@code
 * CI=true}, where that is a failure.
 */
public final class HeadlessChromium implements AutoCloseable {
  private static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final Path userDataDir;
  private final WebSocket socket;
  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private String session;

  private HeadlessChromium(Process process, Path userDataDir, WebSocket socket) {
    this.process = process;
    this.userDataDir = userDataDir;
    this.socket = socket;
  }

  /** Starts chromium, connects to it and opens one blank page of {@code width × height}. */
  public static HeadlessChromium launch(Path log, int width, int height) throws Exception {
    if (!Files.isExecutable(BINARY)) {
      String message =
          BINARY + " not found: install Debian's chromium (apt-get install -y chromium)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(message + " (CI=true: the browser test must run)");
      }
      Assumptions.abort(message + "; skipping the browser test");
    }
    Path dir = Files.createTempDirectory("seiswatch-chromium");
    Files.createDirectories(log.getParent());
    Process process =
        new ProcessBuilder(
                BINARY.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + dir,
                "--remote-debugging-port=0",
                "about:blank")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      Path portFile = dir.resolve("DevToolsActivePort");
      await(
          () -> Files.exists(portFile) && lines(portFile).size() >= 2,
          START_TIMEOUT,
          "chromium did not write " + portFile + " (see " + log + ")");
      List<String> lines = lines(portFile);
      URI uri = URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
      HeadlessChromium[] self = new HeadlessChromium[1];
      WebSocket socket =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .buildAsync(uri, new Listener(message -> self[0].receive(message)))
              .get(30, TimeUnit.SECONDS);
      self[0] = new HeadlessChromium(process, dir, socket);
      self[0].openPage(width, height);
      return self[0];
    } catch (Exception | AssertionError e) {
      process.destroyForcibly();
      deleteTree(dir);
      throw e;
    }
  }

  private void openPage(int width, int height) throws Exception {
    String target =
        call(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId").asText();
    session =
        call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
            .get("sessionId")
            .asText();
    page("Page.enable", Map.of());
    page("Runtime.enable", Map.of());
    page(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
  }

  /** Sends a command to the page and returns its {@code result}. */
  public JsonNode page(String method, Map<String, Object> params) throws Exception {
    return call(session, method, params);
  }

  /** Loads {@code url} and waits for its load event to fire. */
  public void navigate(String url) throws Exception {
    page("Page.navigate", Map.of("url", url));
    awaitTrue("document.readyState === 'complete'", Duration.ofSeconds(30));
  }

  /** The value of a JavaScript expression in the page (awaited if it is a promise). */
  public JsonNode evaluate(String expression) throws Exception {
    JsonNode result =
        page(
            "Runtime.evaluate",
            Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
    if (result.has("exceptionDetails")) {
      throw new IllegalStateException(
          "JavaScript failed: " + expression + ": " + result.get("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  /** Waits until the expression is true in the page; fails naming it after {@code timeout}. */
  public void awaitTrue(String expression, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!evaluate("Boolean(" + expression + ")").asBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("not true within " + timeout + " in the page: " + expression);
      }
      Thread.sleep(200);
    }
  }

  /** A PNG of the whole page (beyond the viewport), saved to {@code file}. */
  public Path screenshot(Path file) throws Exception {
    JsonNode metrics = page("Page.getLayoutMetrics", Map.of());
    JsonNode size = metrics.path("cssContentSize");
    ObjectNode clip = Json.mapper().createObjectNode();
    clip.put("x", 0).put("y", 0).put("scale", 1);
    clip.put("width", Math.ceil(size.path("width").asDouble()));
    clip.put("height", Math.ceil(size.path("height").asDouble()));
    JsonNode shot =
        page(
            "Page.captureScreenshot",
            Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
    Files.createDirectories(file.getParent());
    Files.write(file, Base64.getDecoder().decode(shot.get("data").asText()));
    return file;
  }

  private JsonNode call(String sessionId, String method, Map<String, Object> params)
      throws Exception {
    long id = ids.incrementAndGet();
    ObjectNode message = Json.mapper().createObjectNode();
    message.put("id", id).put("method", method);
    message.set("params", Json.mapper().valueToTree(params));
    if (sessionId != null) {
      message.put("sessionId", sessionId);
    }
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    synchronized (socket) {
      socket.sendText(Json.mapper().writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
    }
    JsonNode response = answer.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    if (response.has("error")) {
      throw new IllegalStateException(method + " failed: " + response.get("error"));
    }
    return response.path("result");
  }

  private void receive(String text) {
    try {
      JsonNode message = Json.mapper().readTree(text);
      if (message.has("id")) {
        CompletableFuture<JsonNode> answer = pending.remove(message.get("id").asLong());
        if (answer != null) {
          answer.complete(message);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("not JSON from chromium: " + text, e);
    }
  }

  @Override
  public void close() {
    try {
      call(null, "Browser.close", Map.of());
    } catch (Exception e) {
      // The browser may already be gone; it is killed below anyway.
    }
    socket.abort();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    deleteTree(userDataDir);
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return List.of();
    }
  }

  private static void await(BooleanSupplier condition, Duration timeout, String failure)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail(failure);
      }
      Thread.sleep(100);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary directory is harmless.
    }
  }

  /** Joins the frames of each text message and hands whole messages on. */
  private static final class Listener implements WebSocket.Listener {
    private final java.util.function.Consumer<String> messages;
    private final StringBuilder buffer = new StringBuilder();

    Listener(java.util.function.Consumer<String> messages) {
      this.messages = messages;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      buffer.append(data);
      if (last) {
        String message = buffer.toString();
        buffer.setLength(0);
        messages.accept(message);
      }
      webSocket.request(1);
      return null;
    }
  }
}
