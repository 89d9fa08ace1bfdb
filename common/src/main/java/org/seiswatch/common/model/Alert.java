package org.seiswatch.common.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What subscribers receive on {@code seis.alerts}: one event version, when the alert service issued
 * it (wall clock), and which {@code kafka} subscriptions' policies accept it. See {@code
 * docs/formats/Alert.md}.
 *
 * @param subscriptions ids of the subscriptions with delivery {@code kafka} whose policy accepts
 *     this version: such a subscriber reads the topic and keeps the alerts that name it
 */
public record Alert(
    String eventId,
    int version,
    DetectionType type,
    Instant issued,
    Detection detection,
    List<String> subscriptions) {
  public Alert {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(detection, "detection");
    subscriptions = subscriptions == null ? List.of() : List.copyOf(subscriptions);
  }

  public static Alert of(Detection detection, Instant issued) {
    return of(detection, issued, List.of());
  }

  public static Alert of(Detection detection, Instant issued, List<String> subscriptions) {
    return new Alert(
        detection.id(),
        detection.version(),
        detection.detectionType(),
        issued,
        detection,
        subscriptions);
  }
}
