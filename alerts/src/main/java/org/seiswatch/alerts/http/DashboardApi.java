package org.seiswatch.alerts.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The operations dashboard: {@code GET /} answers its page, {@code GET /dashboard/{file}} its
 * scripts, style and map data, all plain files from this module's resources ({@code
 * org/seiswatch/alerts/dashboard/}) with no build step and nothing fetched from the internet. The
 * page itself reads {@code /api/events}, {@code /api/events/{id}}, {@code
 * /api/events/{id}/waveforms}, {@code /api/stations} and {@code /api/feed}.
 */
public final class DashboardApi {
  static final String RESOURCES = "/org/seiswatch/alerts/dashboard/";

  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "json", "application/json",
          "md", "text/markdown; charset=utf-8");

  public List<Route> routes() {
    return List.of(
        Route.get("/", request -> file("index.html", request)),
        Route.get(
            "/dashboard/([a-z0-9][a-z0-9.-]*)",
            request -> file(request.pathParameters().get(0), request)));
  }

  private static ApiResponse file(String name, ApiRequest request) {
    int dot = name.lastIndexOf('.');
    String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    if (type == null || name.contains("..")) {
      return JsonResponse.error(404, "no such file: " + request.path(), request.path());
    }
    try (InputStream in = DashboardApi.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        return JsonResponse.error(404, "no such file: " + request.path(), request.path());
      }
      return BodyResponse.ok(type, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dashboard resource " + name, e);
    }
  }
}
