package org.seiswatch.detector.associator;

import java.util.Objects;
import org.seiswatch.common.model.Phase;
import org.seiswatch.common.model.Pick;
import org.seiswatch.common.model.Station;
import org.seiswatch.detector.internal.DataTime;

/** A P or S pick with the coordinates of its station, as the locator uses it. */
public record Observation(Pick pick, Station station) {
  public Observation {
    Objects.requireNonNull(pick, "pick");
    Objects.requireNonNull(station, "station");
  }

  public String stationKey() {
    return station.key();
  }

  public Phase phase() {
    return pick.phase();
  }

  /** Station and phase: an event holds at most one pick per slot. */
  public String slot() {
    return station.key() + "/" + pick.phase();
  }

  public long timeNanos() {
    return DataTime.toNanos(pick.time());
  }
}
