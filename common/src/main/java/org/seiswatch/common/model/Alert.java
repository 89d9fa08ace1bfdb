package org.seiswatch.common.model;

import java.time.Instant;
import java.util.Objects;

/**
 * What subscribers receive on {@code seis.alerts}: one event version and when the alert service
 * issued it (wall clock). See {@code docs/formats/Alert.md}.
 */
public record Alert(
    String eventId, int version, DetectionType type, Instant issued, Detection detection) {
  public Alert {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(detection, "detection");
  }

  public static Alert of(Detection detection, Instant issued) {
    return new Alert(
        detection.id(), detection.version(), detection.detectionType(), issued, detection);
  }
}
