package org.seiswatch.detector.associator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.model.DetectionType;
import org.seiswatch.common.model.Pick;
import org.seiswatch.common.model.Station;
import org.seiswatch.detector.associator.AssociatorState.EventState;

/**
 * Builds the {@link Detection} message of one event version: hypocentre with 1-sigma errors, RMS,
 * azimuthal gap over the stations, nearest station distance and the P and S picks with their
 * association (phase, distance, azimuth, residual), and the local magnitude when one was measured.
 */
final class EventMessage {
  private EventMessage() {}

  static Detection of(
      EventState e,
      DetectionType type,
      Locator locator,
      Function<String, Station> stations,
      org.seiswatch.common.model.Magnitude magnitude) {
    List<Pick> data = new ArrayList<>();
    java.util.Map<String, Double> azimuths = new java.util.TreeMap<>();
    double minDistance = Double.POSITIVE_INFINITY;
    for (Pick p : e.picks) {
      Station st = stations.apply(p.stationKey());
      if (st == null) {
        data.add(p);
        continue;
      }
      var info = Associator.info(e, new Observation(p, st), locator);
      data.add(p.withAssociation(info));
      azimuths.put(p.stationKey(), info.azimuth());
      minDistance = Math.min(minDistance, info.distance());
    }
    return new Detection(
        e.id,
        e.version,
        Associator.source(),
        Associator.hypocenter(e),
        type,
        // A retracted event may have lost every pick: its origin time stands in.
        e.picks.isEmpty()
            ? org.seiswatch.detector.internal.DataTime.toInstant(e.originNanos)
            : e.picks.get(e.picks.size() - 1).time(),
        Associator.DETECTOR,
        Double.isInfinite(minDistance) ? null : minDistance,
        e.rms,
        gap(new ArrayList<>(azimuths.values())),
        data,
        magnitude);
  }

  /** Largest azimuthal gap in degrees between the stations seen from the epicentre. */
  static Double gap(List<Double> azimuths) {
    if (azimuths.isEmpty()) {
      return null;
    }
    List<Double> sorted = new ArrayList<>(azimuths);
    sorted.sort(null);
    double gap = 360 - sorted.get(sorted.size() - 1) + sorted.get(0);
    for (int i = 1; i < sorted.size(); i++) {
      gap = Math.max(gap, sorted.get(i) - sorted.get(i - 1));
    }
    return gap;
  }
}
