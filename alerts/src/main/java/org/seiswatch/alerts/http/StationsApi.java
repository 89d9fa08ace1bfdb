package org.seiswatch.alerts.http;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.seiswatch.alerts.query.InvalidQueryException;
import org.seiswatch.alerts.query.QueryParameters;
import org.seiswatch.alerts.stations.StationDirectory;

/**
 * {@code GET /api/stations}: every known station (metadata from {@code seis.stations}, latest
 * {@code seis.health} snapshot) with its derived state {@code ok|late|silent|unknown}, ordered by
 * {@code NET.STA}. Takes no parameters. See {@code alerts/README.md} "Station API".
 */
public final class StationsApi {
  private final StationDirectory directory;
  private final Clock clock;

  public StationsApi(StationDirectory directory, Clock clock) {
    this.directory = directory;
    this.clock = clock;
  }

  public List<Route> routes() {
    return List.of(Route.get("/api/stations", this::list));
  }

  private ApiResponse list(ApiRequest request) {
    try {
      new QueryParameters(request.queryParameters(), Set.of()).check();
    } catch (InvalidQueryException e) {
      return JsonResponse.invalid(e.problems(), request.path());
    }
    return JsonResponse.ok(directory.snapshot(clock.instant()));
  }
}
