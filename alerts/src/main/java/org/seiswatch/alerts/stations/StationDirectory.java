package org.seiswatch.alerts.stations;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.seiswatch.common.model.Station;
import org.seiswatch.common.model.StationHealth;

/**
 * The latest {@link Station} and {@link StationHealth} per {@code NET.STA}, for {@code
 * /api/stations}. A health snapshot replaces the held one only if it is not older ({@code
 * reportedAt}), as {@code docs/formats/StationHealth.md} asks; a station tombstone removes the
 * metadata. Thread-safe (written by the station feed, read by HTTP threads).
 */
public final class StationDirectory {
  private final Duration lateAfter;
  private final Duration silentAfter;
  private final Map<String, Station> stations = new HashMap<>();
  private final Map<String, StationHealth> health = new HashMap<>();

  public StationDirectory(Duration lateAfter, Duration silentAfter) {
    this.lateAfter = lateAfter;
    this.silentAfter = silentAfter;
  }

  public synchronized void put(Station station) {
    stations.put(station.key(), station);
  }

  public synchronized void remove(String key) {
    stations.remove(key);
  }

  /** Keeps {@code snapshot} unless the held one was reported later. */
  public synchronized void put(String key, StationHealth snapshot) {
    String station = snapshot.station() != null ? snapshot.station() : key;
    StationHealth held = health.get(station);
    if (held == null
        || held.reportedAt() == null
        || snapshot.reportedAt() == null
        || !snapshot.reportedAt().isBefore(held.reportedAt())) {
      health.put(station, snapshot);
    }
  }

  /** Every station with metadata or health, by code, with its state at {@code now}. */
  public synchronized List<StationStatus> snapshot(Instant now) {
    TreeSet<String> codes = new TreeSet<>(stations.keySet());
    codes.addAll(health.keySet());
    List<StationStatus> out = new ArrayList<>();
    for (String code : codes) {
      out.add(status(code, stations.get(code), health.get(code), now));
    }
    return out;
  }

  private StationStatus status(String code, Station s, StationHealth h, Instant now) {
    int dot = code.indexOf('.');
    return new StationStatus(
        code,
        s != null ? s.network() : dot < 0 ? null : code.substring(0, dot),
        s != null ? s.station() : code.substring(dot + 1),
        s == null ? null : s.latitude(),
        s == null ? null : s.longitude(),
        s == null ? null : s.elevation(),
        s == null
            ? List.of()
            : s.channels().stream().map(c -> c.location() + "." + c.code()).toList(),
        StationState.of(h, now, lateAfter, silentAfter),
        h == null ? null : h.reportedAt(),
        h == null ? null : h.lastPacket(),
        h == null ? null : h.lastSampleTime(),
        h == null ? null : h.latencySeconds(),
        h == null ? null : h.gaps(),
        h == null ? null : h.packets(),
        h == null ? null : h.status());
  }

  /** The metadata of one station, if known. */
  public synchronized Station station(String key) {
    return stations.get(key);
  }
}
