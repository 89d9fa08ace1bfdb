package org.seiswatch.detector.associator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.model.Station;
import org.seiswatch.detector.internal.DataTime;
import org.seiswatch.detector.magnitude.AmplitudeHistory;
import org.seiswatch.detector.magnitude.AmplitudeSummary;

/**
 * Kafka Streams processor of the picks re-keyed by region: runs the {@link Associator} with the
 * region's state in the {@value #STORE} store and station coordinates from the global {@value
 * #STATIONS_STORE} store, and forwards event versions keyed by event id.
 *
 * <p>Determinism rule: picks reach this processor in an order that depends on thread timing across
 * the raw partitions, so arrival order decides nothing. The associator's data time is the earliest
 * "settled" time over the stations with metadata (each station's picker reports up to when it has
 * emitted all its picks); picks are processed in time order once that data time has passed them.
 * Wall-clock time is used in two places only, both for liveness and never for results on complete
 * input: a station that has sent nothing for {@code stationTimeout} stops holding the data time
 * back, and when no input at all arrived for {@code idleFlush} (seen twice, {@link #confirmedIdle})
 * and every live station has reported progress, every buffered pick is processed (the end of a
 * replay, or a network gone quiet). Picks that still arrive after that are late: the {@link
 * Associator} uses them within its maximum lateness.
 *
 * <p>Amplitude inputs go to the {@value #AMPLITUDES_STORE} store (one value per region and station,
 * pruned to what {@link Associator#amplitudesNeededFrom} says may still be needed) and change
 * neither the region's state nor its data time; event versions read them from there.
 */
public final class AssociatorProcessor
    implements Processor<String, AssociatorInput, String, Detection> {
  public static final String STORE = "associator-regions";
  public static final String STATIONS_STORE = "stations";

  /** Wall-clock ms between the two idle observations that allow the idle flush. */
  public static final long IDLE_CONFIRM_MS = 2000;

  /**
   * Recent Wood-Anderson amplitudes, key {@code <region>/<NET.STA>} ({@link AmplitudeHistory});
   * only when magnitudes are enabled.
   */
  public static final String AMPLITUDES_STORE = "associator-amplitudes";

  private final Associator associator;
  private final long stationTimeoutMs;
  private final long idleFlushMs;
  private final Map<String, Long> lastHeard = new HashMap<>();
  private ProcessorContext<String, Detection> context;
  private KeyValueStore<String, AssociatorState> store;
  private KeyValueStore<String, Station> stations;
  private KeyValueStore<String, AmplitudeHistory> amplitudes;
  private final boolean withAmplitudes;
  private final Map<String, Long> amplitudesNeededFrom = new HashMap<>();
  private List<String> stationKeys = List.of();
  private long startedAt;
  private long lastInput;
  private long idleSeenAt = -1;

  /** Without magnitudes (amplitude inputs are dropped). */
  public AssociatorProcessor(Associator associator, long stationTimeoutMs, long idleFlushMs) {
    this(associator, stationTimeoutMs, idleFlushMs, false);
  }

  /** With {@code withAmplitudes}, the topology must add the {@value #AMPLITUDES_STORE} store. */
  public AssociatorProcessor(
      Associator associator, long stationTimeoutMs, long idleFlushMs, boolean withAmplitudes) {
    this.withAmplitudes = withAmplitudes;
    this.associator = associator;
    this.stationTimeoutMs = stationTimeoutMs;
    this.idleFlushMs = idleFlushMs;
  }

  @Override
  public void init(ProcessorContext<String, Detection> context) {
    this.context = context;
    this.store = context.getStateStore(STORE);
    this.stations = context.getStateStore(STATIONS_STORE);
    this.amplitudes = withAmplitudes ? context.getStateStore(AMPLITUDES_STORE) : null;
    this.startedAt = context.currentSystemTimeMs();
    this.lastInput = startedAt;
    refreshStations();
    long every = Math.max(100, Math.min(1000, idleFlushMs / 2));
    context.schedule(Duration.ofMillis(every), PunctuationType.WALL_CLOCK_TIME, this::onWallClock);
  }

  @Override
  public void process(Record<String, AssociatorInput> record) {
    long now = context.currentSystemTimeMs();
    lastInput = now;
    idleSeenAt = -1;
    lastHeard.put(record.value().station(), now);
    if (record.value().isAmplitude()) {
      addAmplitude(record.key(), record.value().amplitude());
      return;
    }
    AssociatorState state = store.get(record.key());
    if (state == null) {
      state = new AssociatorState();
    }
    associator.add(state, record.value());
    publish(release(record.key(), state, dataTime(state, now)));
    store.put(record.key(), state);
  }

  private List<Detection> release(String region, AssociatorState state, long dataTime) {
    List<Detection> made =
        associator.release(state, dataTime, this::station, st -> amplitudes(region, st));
    amplitudesNeededFrom.put(region, associator.amplitudesNeededFrom(state));
    return made;
  }

  private void addAmplitude(String region, AmplitudeSummary a) {
    if (amplitudes == null) {
      return;
    }
    String key = region + "/" + a.station();
    AmplitudeHistory history = amplitudes.get(key);
    if (history == null) {
      history = new AmplitudeHistory(a.station());
    }
    // Unknown after a restart until the region's state is next processed: keep (up to the age cap).
    history.add(a, amplitudesNeededFrom.getOrDefault(region, Long.MIN_VALUE));
    amplitudes.put(key, history);
  }

  private List<AmplitudeSummary> amplitudes(String region, String station) {
    if (amplitudes == null) {
      return null;
    }
    AmplitudeHistory history = amplitudes.get(region + "/" + station);
    return history == null ? null : history.blocks();
  }

  private void onWallClock(long now) {
    refreshStations();
    boolean idle = confirmedIdle(now);
    List<KeyValue<String, AssociatorState>> regions = new ArrayList<>();
    try (KeyValueIterator<String, AssociatorState> it = store.all()) {
      it.forEachRemaining(regions::add);
    }
    for (KeyValue<String, AssociatorState> region : regions) {
      AssociatorState state = region.value;
      if (state.pendingPicks() == 0) {
        continue;
      }
      // Flush everything only once every live station has reported progress: a quiet associator
      // with a
      // station still unheard means that station's picker is still catching up (a replay on a busy
      // machine), not that the input has ended.
      long dataTime = idle && allHeard(state, now) ? Long.MAX_VALUE : dataTime(state, now);
      List<Detection> made = release(region.key, state, dataTime);
      publish(made);
      store.put(region.key, state);
    }
  }

  /**
   * Idle for the flush only when a first punctuation saw no input for {@code idleFlush} and a later
   * one, at least {@link #IDLE_CONFIRM_MS} on, still sees none. This thread runs the pickers too: a
   * long processing spell delays its own picks to this processor (they become readable only at the
   * next commit), and a punctuation right after such a spell must not take it for the end of the
   * input.
   */
  private boolean confirmedIdle(long now) {
    if (now - lastInput < idleFlushMs) {
      idleSeenAt = -1;
      return false;
    }
    if (idleSeenAt < 0) {
      idleSeenAt = now;
      return false;
    }
    return now - idleSeenAt >= IDLE_CONFIRM_MS;
  }

  /** Whether every live station with metadata has reported progress at least once. */
  private boolean allHeard(AssociatorState state, long now) {
    for (String key : stationKeys) {
      boolean live = now - lastHeard.getOrDefault(key, startedAt) <= stationTimeoutMs;
      if (live && !state.settled.containsKey(key)) {
        return false;
      }
    }
    return true;
  }

  /** Earliest settled time over the live stations with metadata, or NONE while one is unknown. */
  private long dataTime(AssociatorState state, long now) {
    long min = Long.MAX_VALUE;
    for (String key : stationKeys) {
      if (now - lastHeard.getOrDefault(key, startedAt) > stationTimeoutMs) {
        continue;
      }
      Long settled = state.settled.get(key);
      if (settled == null) {
        return DataTime.NONE;
      }
      min = Math.min(min, settled);
    }
    return min == Long.MAX_VALUE ? DataTime.NONE : min;
  }

  private void refreshStations() {
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, Station> it = stations.all()) {
      it.forEachRemaining(kv -> keys.add(kv.key));
    }
    stationKeys = keys;
  }

  private Station station(String key) {
    return stations.get(key);
  }

  private void publish(List<Detection> detections) {
    for (Detection d : detections) {
      context.forward(new Record<>(d.id(), d, d.detectionTime().toEpochMilli()));
    }
  }
}
