package org.seiswatch.alerts.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import org.seiswatch.common.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches every request of the server to the {@link Route} whose pattern matches the whole path,
 * because {@code HttpServer} contexts match by prefix ({@code /health} would also take {@code
 * /healthz}). An unknown path is a 404, a known path with another method a 405 with an {@code
 * Allow} header, a failing route a 500; all as JSON {@link JsonResponse.ErrorBody}. A {@link
 * StreamResponse} keeps the exchange open and hands its body to the route's opener.
 */
final class Router implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(Router.class);

  /** Largest request body read (subscriptions are small JSON documents). */
  static final int MAX_BODY = 64 * 1024;

  private final List<Route> routes;
  private final ApiKeyGuard guard;

  Router(List<Route> routes, ApiKeyGuard guard) {
    this.routes = List.copyOf(routes);
    this.guard = guard;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    boolean streaming = false;
    try {
      byte[] requestBody = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
      drain(exchange.getRequestBody());
      ApiResponse response =
          requestBody.length > MAX_BODY
              ? JsonResponse.error(
                  413,
                  "request body over " + MAX_BODY + " bytes",
                  exchange.getRequestURI().getPath())
              : dispatch(exchange, requestBody);
      if (response instanceof StreamResponse stream) {
        streaming = open(exchange, stream);
      } else if (response instanceof BodyResponse body) {
        write(exchange, body.status(), body.contentType(), body.body());
      } else if (response instanceof JsonResponse json) {
        writeJson(exchange, json);
      }
    } finally {
      if (!streaming) {
        exchange.close();
      }
    }
  }

  private ApiResponse dispatch(HttpExchange exchange, byte[] body) {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    Set<String> allowed = new LinkedHashSet<>();
    for (Route route : routes) {
      Matcher matcher = route.path().matcher(path);
      if (!matcher.matches()) {
        continue;
      }
      if (!route.method().equals(method)) {
        allowed.add(route.method());
        continue;
      }
      List<String> parameters = new ArrayList<>();
      for (int i = 1; i <= matcher.groupCount(); i++) {
        parameters.add(matcher.group(i));
      }
      ApiRequest request =
          new ApiRequest(
              method, exchange.getRequestURI(), parameters, exchange.getRequestHeaders(), body);
      Optional<JsonResponse> refused = guard.check(request);
      if (refused.isPresent()) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "ApiKey header=\"X-API-Key\"");
        return refused.get();
      }
      try {
        return route.handler().handle(request);
      } catch (RuntimeException e) {
        LOG.error("{} {} failed", method, path, e);
        return JsonResponse.error(
            500, "internal error answering " + method + " " + path + "; see the service log", path);
      }
    }
    if (!allowed.isEmpty()) {
      exchange.getResponseHeaders().set("Allow", String.join(", ", allowed));
      return JsonResponse.error(
          405,
          "method " + method + " is not allowed on " + path + "; use " + String.join(", ", allowed),
          path);
    }
    return JsonResponse.error(404, "no such path: " + path, path);
  }

  /** Sends the headers of an endless answer and hands its body over; true if handed over. */
  private static boolean open(HttpExchange exchange, StreamResponse stream) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", stream.contentType());
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0);
    OutputStream body = exchange.getResponseBody();
    try {
      stream.opener().open(body);
    } catch (RuntimeException e) {
      LOG.error("cannot open the stream answering {}", exchange.getRequestURI(), e);
      return false;
    }
    return true;
  }

  private static void writeJson(HttpExchange exchange, JsonResponse response) throws IOException {
    byte[] body;
    int status = response.status();
    try {
      body = Json.mapper().writeValueAsBytes(response.body());
    } catch (JsonProcessingException e) {
      LOG.error("cannot write the JSON answer to {}", exchange.getRequestURI(), e);
      status = 500;
      body =
          Json.mapper()
              .writeValueAsBytes(
                  JsonResponse.error(
                          500, "cannot write the answer", exchange.getRequestURI().getPath())
                      .body());
    }
    write(exchange, status, "application/json", body);
  }

  private static void write(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Reads away any request body so the connection can be reused. */
  private static void drain(InputStream in) throws IOException {
    in.transferTo(OutputStream.nullOutputStream());
  }
}
