package org.seiswatch.alerts.waveform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.seiswatch.alerts.store.EventStore;
import org.seiswatch.alerts.store.SeenTimes;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.model.Pick;
import org.seiswatch.common.model.StreamId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds {@link EventWaveforms} for an event from {@code seis.raw}: the window is origin − {@link
 * #BEFORE} to origin + {@link #AFTER} of the latest version with a hypocentre, the stations those
 * of its picks. The raw records are found by a bounded {@link RawScan} starting {@code lookback}
 * before the event was first seen on {@code seis.events} (by append time) and ending {@code
 * scanAfter} after the store first read it; each channel is assembled ({@link SegmentAssembler})
 * and decimated ({@link Decimator}). Complete answers are cached per event and version (the last
 * {@link #CACHED} events). One scan at a time: scans are heavy and the dashboard asks rarely.
 */
public final class WaveformService {
  public static final Duration BEFORE = Duration.ofSeconds(30);
  public static final Duration AFTER = Duration.ofSeconds(120);
  static final int CACHED = 32;

  private static final Logger LOG = LoggerFactory.getLogger(WaveformService.class);

  private final EventStore store;
  private final Supplier<Consumer<String, byte[]>> consumers;
  private final Clock clock;
  private final Settings settings;
  private final Map<String, EventWaveforms> cache =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, EventWaveforms> eldest) {
          return size() > CACHED;
        }
      };

  /**
   * Scan bounds and output size ({@code waveforms.*} settings of {@code AlertsConfig}).
   *
   * @param lookback how far before the event was first seen the scan starts (append time)
   * @param scanAfter how far after the store first read the event the scan stops (append time)
   */
  public record Settings(
      Duration lookback, Duration scanAfter, int maxRecords, Duration timeout, int maxPoints) {}

  /**
   * @param consumers makes a fresh {@code seis.raw} consumer per scan; it is closed after it
   */
  public WaveformService(
      EventStore store,
      Supplier<Consumer<String, byte[]>> consumers,
      Clock clock,
      Settings settings) {
    this.store = store;
    this.consumers = consumers;
    this.clock = clock;
    this.settings = settings;
  }

  /** The waveforms of an event; empty if the store has no version of it with a hypocentre. */
  public synchronized Optional<EventWaveforms> waveforms(String eventId) {
    Optional<Detection> located =
        store.versions(eventId).stream().filter(d -> d.hypocenter() != null).reduce((a, b) -> b);
    if (located.isEmpty()) {
      return Optional.empty();
    }
    Detection event = located.get();
    EventWaveforms hit = cache.get(eventId);
    if (hit != null && hit.version() == event.version()) {
      return Optional.of(hit.cached());
    }
    Instant now = clock.instant();
    SeenTimes seen = store.firstSeen(eventId).orElse(new SeenTimes(now, now));
    Instant origin = event.hypocenter().time();
    Instant from = origin.minus(BEFORE);
    Instant to = origin.plus(AFTER);
    Map<String, List<Pick>> picks =
        event.data().stream()
            .collect(Collectors.groupingBy(Pick::stationKey, TreeMap::new, Collectors.toList()));
    Instant appendTo = seen.read().plus(settings.scanAfter());
    RawScan.Result scan;
    try (Consumer<String, byte[]> consumer = consumers.get()) {
      scan =
          new RawScan(consumer, settings.maxRecords(), settings.timeout())
              .scan(picks.keySet(), from, to, seen.earliest().minus(settings.lookback()), appendTo);
    } catch (KafkaException e) {
      LOG.warn("waveform scan of {} failed: {}", eventId, e.toString());
      scan = new RawScan.Result(Map.of(), 0, true);
    }
    EventWaveforms answer = assemble(event, picks, scan, from, to, now.isAfter(appendTo));
    LOG.info(
        "waveforms of {} v{}: {} stations, {} records scanned, complete {}",
        eventId,
        event.version(),
        answer.stations().size(),
        scan.scanned(),
        answer.complete());
    if (answer.complete()) {
      cache.put(eventId, answer);
    }
    return Optional.of(answer);
  }

  /**
   * Puts the scanned records together per station (nearest first) and channel (vertical first).
   *
   * @param scanOver true once no more data for the window can arrive within the scan's bounds
   */
  EventWaveforms assemble(
      Detection event,
      Map<String, List<Pick>> picks,
      RawScan.Result scan,
      Instant from,
      Instant to,
      boolean scanOver) {
    Instant origin = event.hypocenter().time();
    boolean covered = true;
    List<EventWaveforms.StationTraces> stations = new ArrayList<>();
    for (Map.Entry<String, List<Pick>> station : picks.entrySet()) {
      List<EventWaveforms.ChannelTraces> channels = new ArrayList<>();
      List<StreamId> streams =
          scan.records().keySet().stream()
              .filter(id -> id.stationKey().equals(station.getKey()))
              .sorted(CHANNEL_ORDER)
              .toList();
      for (StreamId stream : streams) {
        List<Segment> segments = SegmentAssembler.assemble(scan.records().get(stream), from, to);
        if (segments.isEmpty()) {
          continue;
        }
        Segment last = segments.get(segments.size() - 1);
        covered &= !last.end().plus(Duration.ofSeconds(1)).isBefore(to);
        channels.add(
            new EventWaveforms.ChannelTraces(
                stream.location() + "." + stream.channel(),
                last.sampleRate(),
                segments.stream().mapToLong(s -> s.samples().length).sum(),
                Decimator.decimate(segments, from, to, origin, settings.maxPoints())));
      }
      covered &= !channels.isEmpty();
      stations.add(
          new EventWaveforms.StationTraces(
              station.getKey(),
              distance(station.getValue()),
              channels,
              station.getValue().stream().map(p -> mark(p, origin)).toList()));
    }
    stations.sort(
        Comparator.comparing(
            EventWaveforms.StationTraces::distance,
            Comparator.nullsLast(Comparator.naturalOrder())));
    boolean complete = !scan.truncated() && (covered || scanOver);
    return new EventWaveforms(
        event.id(), event.version(), origin, from, to, complete, scan.scanned(), stations);
  }

  /** Vertical first, then by channel code: Z, then E/N or 1/2 as the station names them. */
  private static final Comparator<StreamId> CHANNEL_ORDER =
      Comparator.comparing((StreamId id) -> id.component() == 'Z' ? 0 : 1)
          .thenComparing(StreamId::location)
          .thenComparing(StreamId::channel);

  private static Double distance(List<Pick> picks) {
    return picks.stream()
        .filter(p -> p.associationInfo() != null && p.associationInfo().distance() != null)
        .map(p -> p.associationInfo().distance())
        .findFirst()
        .orElse(null);
  }

  private static EventWaveforms.PickMark mark(Pick pick, Instant origin) {
    return new EventWaveforms.PickMark(
        pick.id(),
        pick.phase().name(),
        pick.site().location() == null || pick.site().location().isEmpty()
            ? "." + pick.site().channel()
            : pick.site().location() + "." + pick.site().channel(),
        pick.time(),
        Duration.between(origin, pick.time()).toNanos() / 1e9,
        pick.associationInfo() == null ? null : pick.associationInfo().residual());
  }
}
