package org.seiswatch.detector.phasenet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.seiswatch.common.model.Channel;
import org.seiswatch.common.model.Pick;
import org.seiswatch.common.model.Station;
import org.seiswatch.common.model.StreamId;
import org.seiswatch.detector.assembler.SampleBlock;
import org.seiswatch.detector.associator.AssociatorInput;
import org.seiswatch.detector.internal.DataTime;
import org.seiswatch.detector.picker.StaLtaPicker;
import org.seiswatch.detector.picker.StaLtaSettings;
import org.seiswatch.detector.picker.StaLtaState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams processor picking P and S with PhaseNet in the stream (issue 4 part E), fed by the
 * assembler's {@link SampleBlock}s keyed {@code NET.STA}, state per station in {@value #STORE} and
 * {@value #SAMPLES_STORE} ({@link PhaseNetStateStore}).
 *
 * <p>Per instrument ({@code NET.STA.LOC} + band and instrument code) the components are lined up on
 * the absolute grid of the model rate, short gaps filled and longer gaps ending the segment ({@link
 * InstrumentState}); the components expected are those of the instrument in the station metadata
 * (global store), else the ones seen so far. Windows go through the shared {@link MicroBatcher}
 * (this thread blocks on their results, so batches across stations come from several stream
 * threads) and are stacked by {@link StreamingStacker}; every pick is forwarded once ({@link
 * PhaseNetPicks}) with the onset as timestamp, then a progress mark: the earliest time at which one
 * of the station's instruments can still pick.
 *
 * <p>Fallback: a channel whose rate is not the model's is picked by {@link StaLtaPicker} (vertical
 * components only, state in the STA/LTA store), with a warning logged once per channel.
 */
public final class PhaseNetProcessor
    implements Processor<String, SampleBlock, String, AssociatorInput> {
  public static final String STORE = "phasenet-stations";

  /** Raw sample chunks and stacking accumulators of the stations' open segments. */
  public static final String SAMPLES_STORE = "phasenet-samples";

  /** Per channel at another supported rate, its {@link Resampler}. */
  public static final String RESAMPLER_STORE = "phasenet-resamplers";

  private static final Logger LOG = LoggerFactory.getLogger(PhaseNetProcessor.class);

  /** Stations whose state one processor (one task) keeps deserialised. */
  static final int CACHED_STATIONS = 256;

  /** How the processor runs: stacking, gap limit and lead, in model samples. */
  public record Settings(StackSettings stack, int maxFillSamples, int maxLeadSamples) {}

  private final MicroBatcher batcher;
  private final ModelManifest manifest;
  private final Settings settings;
  private final long period;
  private final StaLtaPicker fallback;
  private final String fallbackStoreName;
  private final String stationsStore;
  private final Set<String> warned = new HashSet<>();

  /**
   * The stations' states as objects, so that a record costs one (partial) serialisation, the writes
   * that make it durable, instead of a load as well. Valid because only this processor instance
   * writes its task's stores and a new instance (task moved or restored) starts empty; bounded,
   * least recently used out. The states also remember what of them is already stored.
   */
  private final Map<String, StationState> cache =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, StationState> eldest) {
          return size() > CACHED_STATIONS;
        }
      };

  private ProcessorContext<String, AssociatorInput> context;
  private PhaseNetStateStore store;
  private KeyValueStore<String, StaLtaState> fallbackStore;
  private KeyValueStore<String, Station> stations;
  private KeyValueStore<String, Resampler> resamplers;

  /**
   * @param fallbackStore name of the STA/LTA per-channel store
   * @param stationsStore name of the global station metadata store
   */
  public PhaseNetProcessor(
      MicroBatcher batcher,
      Settings settings,
      StaLtaSettings fallbackSettings,
      String fallbackStore,
      String stationsStore) {
    this.batcher = batcher;
    this.manifest = batcher.picker().manifest();
    this.settings = settings;
    this.period = DataTime.sampleOffset(1, manifest.samplingRateHz());
    this.fallback = new StaLtaPicker(fallbackSettings);
    this.fallbackStoreName = fallbackStore;
    this.stationsStore = stationsStore;
  }

  @Override
  public void init(ProcessorContext<String, AssociatorInput> context) {
    this.context = context;
    // A task revived after a failed transaction re-initialises its processors: its store has been
    // restored from the changelog, so nothing cached before may survive.
    cache.clear();
    this.store =
        new PhaseNetStateStore(context.getStateStore(STORE), context.getStateStore(SAMPLES_STORE));
    this.fallbackStore = context.getStateStore(fallbackStoreName);
    this.stations = context.getStateStore(stationsStore);
    this.resamplers = context.getStateStore(RESAMPLER_STORE);
  }

  @Override
  public void process(Record<String, SampleBlock> record) {
    SampleBlock block = record.value();
    StreamId id = block.streamId();
    String station = id.stationKey();
    boolean modelRate = Math.abs(block.sampleRate() - manifest.samplingRateHz()) < 1e-6;
    if (!modelRate
        && Resampler.supports(block.sampleRate(), manifest.samplingRateHz())
        && PhaseNetPicks.slotOf(id.component()) >= 0) {
      block = resample(block);
      if (block == null) {
        return;
      }
      modelRate = true;
    }
    if (modelRate ? PhaseNetPicks.slotOf(id.component()) < 0 : id.component() != 'Z') {
      return;
    }
    StationState state = cache.get(station);
    if (state == null) {
      state = store.load(station);
      cache.put(station, state);
    }
    List<Pick> picks;
    try {
      picks = modelRate ? phaseNet(state, block) : fallback(state, block);
      store.save(station, state);
    } catch (RuntimeException e) {
      // The record is skipped (LogAndContinue) and the store keeps the state from before it; the
      // half-updated object must not outlive it in the cache.
      cache.remove(station);
      throw e;
    }
    for (Pick pick : picks) {
      long ts = DataTime.toMillis(DataTime.toNanos(pick.time()));
      context.forward(new Record<>(station, AssociatorInput.of(pick), ts));
    }
    long settled = state.settledNanos();
    if (settled != Long.MAX_VALUE && settled != DataTime.NONE) {
      context.forward(
          new Record<>(
              station,
              AssociatorInput.progress(station, settled),
              DataTime.toMillis(block.endNanos())));
    }
  }

  @Override
  public void close() {
    cache.clear();
  }

  /** The channel's block at the model rate, or null until its resampler has output. */
  private SampleBlock resample(SampleBlock block) {
    String channel = block.streamId().toString();
    Resampler r = resamplers.get(channel);
    if (r == null) {
      r = new Resampler(manifest.samplingRateHz());
    }
    SampleBlock out = r.accept(block);
    resamplers.put(channel, r);
    return out;
  }

  private List<Pick> fallback(StationState state, SampleBlock block) {
    String channel = block.streamId().toString();
    if (warned.add(channel)) {
      LOG.warn(
          "{}: {} Hz is not the PhaseNet model's {} Hz; picking it with STA/LTA (fallback)",
          channel,
          block.sampleRate(),
          manifest.samplingRateHz());
    }
    StaLtaState s = fallbackStore.get(channel);
    if (s == null) {
      s = new StaLtaState();
    }
    List<Pick> picks = fallback.process(s, block);
    fallbackStore.put(channel, s);
    long settled = fallback.settledUntil(s);
    if (settled != DataTime.NONE) {
      state.settled.put(channel, settled);
    }
    return picks;
  }

  private List<Pick> phaseNet(StationState state, SampleBlock block) {
    StreamId id = block.streamId();
    String band = id.channel().substring(0, id.channel().length() - 1);
    String instrument = id.instrument();
    InstrumentState inst =
        state.instruments.computeIfAbsent(instrument, k -> new InstrumentState());
    int slot = PhaseNetPicks.slotOf(id.component());
    int mask = expectedMask(id, band);
    if (mask == 0) {
      mask = inst.seenMask() | (1 << slot);
    }
    if ((mask & (1 << slot)) != 0) {
      inst.codes[slot] = id.channel();
      long base = Math.floorDiv(block.startNanos() + period / 2, period);
      inst.add(slot, base, block.samples(), settings.maxFillSamples());
    }
    List<StreamingStacker.StackedPick> stacked =
        inst.advance(
            mask,
            settings.maxLeadSamples(),
            manifest,
            settings.stack(),
            settings.stack().phaseOf(instrument),
            this::run);
    List<Pick> picks = new ArrayList<>();
    StreamId site = site(id, inst);
    for (StreamingStacker.StackedPick k : stacked) {
      picks.add(PhaseNetPicks.of(site, k, manifest));
    }
    long settled = inst.settledSample();
    if (settled != DataTime.NONE) {
      state.settled.put(instrument, settled * period);
    }
    return picks;
  }

  /** Slots of the instrument's channels in the station metadata; 0 if it has none. */
  private int expectedMask(StreamId id, String band) {
    Station station = stations == null ? null : stations.get(id.stationKey());
    if (station == null) {
      return 0;
    }
    int mask = 0;
    for (Channel c : station.channels()) {
      if (c.location().equals(id.location())
          && c.code().length() == id.channel().length()
          && c.code().startsWith(band)) {
        int slot = PhaseNetPicks.slotOf(c.code().charAt(c.code().length() - 1));
        if (slot >= 0) {
          mask |= 1 << slot;
        }
      }
    }
    return mask;
  }

  /** The channel picks are reported on: the vertical, else the first component present. */
  private static StreamId site(StreamId id, InstrumentState inst) {
    String code = inst.codes[2];
    for (int s = 0; code == null && s < inst.codes.length; s++) {
      code = inst.codes[s];
    }
    return new StreamId(id.network(), id.station(), id.location(), code);
  }

  private List<float[][]> run(List<StreamingStacker.Window> windows) {
    List<float[][]> normalised = new ArrayList<>(windows.size());
    for (StreamingStacker.Window w : windows) {
      normalised.add(WindowNormalizer.normalize(w.samples()));
    }
    return batcher.predict(normalised);
  }
}
