package org.seiswatch.alerts.waveform;

import java.time.Instant;
import java.util.List;

/**
 * The answer of {@code GET /api/events/{id}/waveforms}: for each station of the event's latest
 * located version (nearest first), the decimated traces of its channels in {@code [start, end)} and
 * its picks; times on the traces are seconds from {@code origin}.
 *
 * @param complete false if the scan of {@code seis.raw} stopped at its record or time limit, or
 *     data may still arrive; such answers are not cached
 * @param recordsScanned {@code seis.raw} records read to build this answer (0 when cached)
 */
public record EventWaveforms(
    String eventId,
    int version,
    Instant origin,
    Instant start,
    Instant end,
    boolean complete,
    long recordsScanned,
    List<StationTraces> stations) {
  public EventWaveforms {
    stations = List.copyOf(stations);
  }

  /** The same answer, marked as served from the cache. */
  EventWaveforms cached() {
    return new EventWaveforms(eventId, version, origin, start, end, complete, 0, stations);
  }

  /**
   * @param distance epicentral distance in degrees, from the picks' association info; null if none
   */
  public record StationTraces(
      String station, Double distance, List<ChannelTraces> channels, List<PickMark> picks) {
    public StationTraces {
      channels = List.copyOf(channels);
      picks = List.copyOf(picks);
    }
  }

  /**
   * @param channel {@code LOC.CHA}
   * @param samples samples in the window before decimation
   * @param segments contiguous stretches; more than one means gaps
   */
  public record ChannelTraces(
      String channel, double sampleRate, long samples, List<TracePoints> segments) {
    public ChannelTraces {
      segments = List.copyOf(segments);
    }
  }

  /**
   * @param offset seconds from the origin time
   * @param residual travel-time residual in seconds, null if not associated
   */
  public record PickMark(
      String id, String phase, String channel, Instant time, double offset, Double residual) {}
}
