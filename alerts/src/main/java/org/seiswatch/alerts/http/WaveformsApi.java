package org.seiswatch.alerts.http;

import java.util.List;
import java.util.Set;
import org.seiswatch.alerts.query.InvalidQueryException;
import org.seiswatch.alerts.query.QueryParameters;
import org.seiswatch.alerts.waveform.WaveformService;

/**
 * {@code GET /api/events/{id}/waveforms}: the decimated waveforms of an event's stations around its
 * origin, with the picks (see {@link WaveformService}); 404 if the event is unknown or was never
 * located. Takes no parameters.
 */
public final class WaveformsApi {
  private final WaveformService service;

  public WaveformsApi(WaveformService service) {
    this.service = service;
  }

  public List<Route> routes() {
    return List.of(Route.get("/api/events/([^/]+)/waveforms", this::waveforms));
  }

  private ApiResponse waveforms(ApiRequest request) {
    try {
      new QueryParameters(request.queryParameters(), Set.of()).check();
    } catch (InvalidQueryException e) {
      return JsonResponse.invalid(e.problems(), request.path());
    }
    String id = request.pathParameters().get(0);
    return service
        .waveforms(id)
        .<ApiResponse>map(JsonResponse::ok)
        .orElseGet(
            () -> JsonResponse.error(404, "no located event with id '" + id + "'", request.path()));
  }
}
