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
import java.util.Set;
import java.util.regex.Matcher;
import org.seiswatch.common.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches every request of the server to the {@link Route} whose pattern matches the whole path,
 * because {@code HttpServer} contexts match by prefix ({@code /health} would also take {@code
 * /healthz}). An unknown path is a 404, a known path with another method a 405 with an {@code
 * Allow} header, a failing route a 500; all as JSON {@link JsonResponse.ErrorBody}.
 */
final class Router implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(Router.class);

  private final List<Route> routes;

  Router(List<Route> routes) {
    this.routes = List.copyOf(routes);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      drain(exchange.getRequestBody());
      write(exchange, dispatch(exchange));
    }
  }

  private JsonResponse dispatch(HttpExchange exchange) {
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
      try {
        return route.handler().handle(new ApiRequest(method, exchange.getRequestURI(), parameters));
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

  private static void write(HttpExchange exchange, JsonResponse response) throws IOException {
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
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Reads away any request body so the connection can be reused. */
  private static void drain(InputStream in) throws IOException {
    in.transferTo(OutputStream.nullOutputStream());
  }
}
