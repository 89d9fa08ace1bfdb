package org.seiswatch.alerts.store;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.seiswatch.common.model.Detection;

/**
 * In-memory view of the events seen on {@code seis.events}: every version of each event, for the
 * HTTP API. Bounded: past {@code retainedEvents} events, the event with the oldest origin time is
 * dropped with all its versions. Thread-safe (written by the consumer thread, read by HTTP
 * threads).
 */
public final class EventStore {
  /** Newest origin first; ties broken by id so the order is stable. */
  private static final Comparator<Versions> NEWEST_ORIGIN_FIRST =
      Comparator.comparing(Versions::originTime).reversed().thenComparing(Versions::id);

  private final int retainedEvents;
  private final Map<String, Versions> events = new HashMap<>();

  public EventStore(int retainedEvents) {
    if (retainedEvents < 1) {
      throw new IllegalArgumentException("retainedEvents " + retainedEvents + " < 1");
    }
    this.retainedEvents = retainedEvents;
  }

  /**
   * Adds one version. A version number already stored is replaced, so a redelivered record (the
   * consumer is at-least-once) does not show twice.
   */
  public synchronized void add(Detection detection) {
    add(detection, null);
  }

  /**
   * Adds one version and when it was seen on {@code seis.events}; the store keeps the earliest
   * times per event, where the waveform scan of {@code seis.raw} looks.
   *
   * @param seen null if unknown
   */
  public synchronized void add(Detection detection, SeenTimes seen) {
    Versions versions = events.computeIfAbsent(detection.id(), Versions::new);
    versions.put(detection);
    if (seen != null) {
      versions.seen = versions.seen == null ? seen : versions.seen.merge(seen);
    }
    if (events.size() > retainedEvents) {
      events.values().stream()
          .max(NEWEST_ORIGIN_FIRST)
          .ifPresent(oldest -> events.remove(oldest.id()));
    }
  }

  /** The latest version of every event, newest origin time first. */
  public synchronized List<Detection> latest() {
    return events.values().stream().sorted(NEWEST_ORIGIN_FIRST).map(Versions::latest).toList();
  }

  /** Every event as all its versions (oldest version first), newest origin time first. */
  public synchronized List<List<Detection>> events() {
    return events.values().stream().sorted(NEWEST_ORIGIN_FIRST).map(Versions::all).toList();
  }

  /** Every stored version of one event, oldest version first; empty if the event is unknown. */
  public synchronized List<Detection> versions(String eventId) {
    Versions versions = events.get(eventId);
    return versions == null ? List.of() : versions.all();
  }

  /** The latest version of one event. */
  public synchronized Optional<Detection> latest(String eventId) {
    return Optional.ofNullable(events.get(eventId)).map(Versions::latest);
  }

  /**
   * The earliest time a version of the event is known to have been on {@code seis.events}; empty if
   * the event is unknown or was only added without a time.
   */
  public synchronized Optional<SeenTimes> firstSeen(String eventId) {
    return Optional.ofNullable(events.get(eventId)).map(v -> v.seen);
  }

  /** Number of events (not versions) held. */
  public synchronized int size() {
    return events.size();
  }

  /** The versions of one event, keyed by version number. Guarded by the store's lock. */
  private static final class Versions {
    private final String id;
    private final TreeMap<Integer, Detection> byVersion = new TreeMap<>();
    private SeenTimes seen;

    Versions(String id) {
      this.id = id;
    }

    String id() {
      return id;
    }

    void put(Detection detection) {
      byVersion.put(detection.version(), detection);
    }

    Detection latest() {
      return byVersion.lastEntry().getValue();
    }

    List<Detection> all() {
      return List.copyOf(byVersion.values());
    }

    /**
     * Origin time of the newest version that has a hypocenter (a retraction may carry none), else
     * its detection time, so every event has a place in the list.
     */
    Instant originTime() {
      for (Detection d : byVersion.descendingMap().values()) {
        if (d.hypocenter() != null) {
          return d.hypocenter().time();
        }
      }
      Instant detected = latest().detectionTime();
      return detected == null ? Instant.EPOCH : detected;
    }
  }
}
