package org.seiswatch.detector.magnitude;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.seiswatch.common.model.Channel;
import org.seiswatch.common.model.Station;
import org.seiswatch.common.model.StreamId;
import org.seiswatch.detector.assembler.SampleBlock;
import org.seiswatch.detector.associator.AssociatorInput;
import org.seiswatch.detector.internal.DataTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams processor of the assembled blocks (keyed {@code NET.STA}) that measures
 * Wood-Anderson amplitudes for the local magnitude: for every block of a horizontal channel
 * (component E, N, 1 or 2) whose station metadata (global {@code stations} store) give a usable
 * response, it runs the channel's {@link SimulationFilter} with its state in the {@value #STORE}
 * store and forwards one {@link AmplitudeSummary} (peak |WA| in mm, its time, the {@link
 * ClipDetector} flag) wrapped in an {@link AssociatorInput}, keyed {@code NET.STA}.
 *
 * <p>A block that does not start where the channel's previous block ended, within half a sample (a
 * gap, or the first block), starts a new segment: the filter restarts at rest with the block's
 * first sample as offset, and the first {@code warmupSeconds} of the segment do not count towards
 * the peak. Channels without metadata, sensitivity or metre-based units are skipped (logged once).
 */
public final class AmplitudeProcessor
    implements Processor<String, SampleBlock, String, AssociatorInput> {
  public static final String STORE = "magnitude-channels";
  private static final Logger LOG = LoggerFactory.getLogger(AmplitudeProcessor.class);

  private final AmplitudeSettings settings;
  private final ClipDetector clips;
  private final String stationsStore;
  private final Map<String, Design> designs = new HashMap<>();
  private ProcessorContext<String, AssociatorInput> context;
  private KeyValueStore<String, FilterState> store;
  private KeyValueStore<String, Station> stations;

  public AmplitudeProcessor(AmplitudeSettings settings, String stationsStore) {
    this.settings = settings;
    this.clips = new ClipDetector(settings);
    this.stationsStore = stationsStore;
  }

  /**
   * A channel's filter, designed from the metadata it was made for (redesigned when they change).
   */
  private record Design(Channel channel, double sampleRate, SimulationFilter filter) {}

  @Override
  public void init(ProcessorContext<String, AssociatorInput> context) {
    this.context = context;
    this.store = context.getStateStore(STORE);
    this.stations = context.getStateStore(stationsStore);
  }

  /** Whether the component is horizontal (E, N, 1, 2). */
  public static boolean horizontal(StreamId id) {
    char c = id.component();
    return c == 'E' || c == 'N' || c == '1' || c == '2';
  }

  @Override
  public void process(Record<String, SampleBlock> record) {
    SampleBlock block = record.value();
    StreamId id = block.streamId();
    if (!horizontal(id) || block.size() == 0) {
      return;
    }
    SimulationFilter filter = filter(id, block.sampleRate());
    if (filter == null) {
      return;
    }
    String key = id.toString();
    FilterState state = store.get(key);
    double[] counts = block.samples();
    // Block times are rounded (miniSEED headers to 100 µs): within half a sample is contiguous.
    long half = DataTime.sampleOffset(1, block.sampleRate()) / 2;
    if (state == null
        || Math.abs(block.startNanos() - state.nextNanos) > half
        || state.sections.length != 2 * filter.sectionCount()) {
      state = state == null ? new FilterState(filter.sectionCount()) : state;
      state.restart(filter.sectionCount(), counts[0]);
    }
    long warmup = Math.round(settings.warmupSeconds() * block.sampleRate());
    double peak = 0;
    int peakAt = -1;
    for (int i = 0; i < counts.length; i++) {
      double y = Math.abs(filter.step(state.sections, counts[i] - state.offset));
      if (state.samples++ >= warmup && y > peak) {
        peak = y;
        peakAt = i;
      }
    }
    state.nextNanos = block.endNanos();
    store.put(key, state);
    if (!Double.isFinite(peak)) {
      LOG.warn("{}: Wood-Anderson simulation diverged; restarting it", key);
      store.delete(key);
      return;
    }
    String station = id.stationKey();
    AmplitudeSummary summary =
        new AmplitudeSummary(
            station,
            id.location() + "." + id.channel(),
            block.startNanos(),
            block.endNanos(),
            peak,
            peakAt < 0 ? block.startNanos() : block.timeOf(peakAt),
            clips.clipped(counts));
    context.forward(
        new Record<>(
            station, AssociatorInput.amplitude(summary), DataTime.toMillis(block.endNanos())));
  }

  private SimulationFilter filter(StreamId id, double sampleRate) {
    Station station = stations.get(id.stationKey());
    Channel channel = station == null ? null : find(station, id);
    String key = id.toString();
    Design known = designs.get(key);
    if (known != null
        && known.sampleRate == sampleRate
        && java.util.Objects.equals(known.channel, channel)) {
      return known.filter;
    }
    SimulationFilter filter = null;
    if (channel == null) {
      LOG.info("{}: no channel metadata, no Wood-Anderson amplitudes", key);
    } else {
      try {
        filter = SimulationFilter.design(channel, sampleRate, settings);
      } catch (IllegalArgumentException e) {
        LOG.warn("{}: no Wood-Anderson amplitudes: {}", key, e.getMessage());
      }
    }
    designs.put(key, new Design(channel, sampleRate, filter));
    return filter;
  }

  private static Channel find(Station station, StreamId id) {
    for (Channel c : station.channels()) {
      if (c.code().equals(id.channel()) && c.location().equals(id.location())) {
        return c;
      }
    }
    return null;
  }
}
