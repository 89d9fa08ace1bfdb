package org.seiswatch.alerts.stations;

import java.time.Instant;
import java.util.List;

/**
 * One station as {@code GET /api/stations} shows it: metadata from {@code seis.stations} (null
 * coordinates when only health is known), the latest {@code seis.health} snapshot's figures (null
 * when none) and the derived {@link StationState}.
 *
 * @param code {@code NET.STA}
 * @param channels {@code LOC.CHA} of each channel ({@code .HHZ} for the blank location)
 * @param latencySeconds latency of the last packet; null for archive replays and unknown stations
 * @param status the producer's free-text status, for example {@code replay of archive data: ...}
 */
public record StationStatus(
    String code,
    String network,
    String station,
    Double latitude,
    Double longitude,
    Double elevation,
    List<String> channels,
    StationState state,
    Instant reportedAt,
    Instant lastPacket,
    Instant lastSampleTime,
    Double latencySeconds,
    Long gaps,
    Long packets,
    String status) {
  public StationStatus {
    channels = channels == null ? List.of() : List.copyOf(channels);
  }
}
