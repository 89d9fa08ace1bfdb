package org.seiswatch.deploy.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.seiswatch.common.demo.DemoEvent;
import org.seiswatch.common.model.Channel;
import org.seiswatch.common.model.Station;
import org.seiswatch.common.model.StreamId;
import org.seiswatch.common.mseed.MiniSeed;
import org.seiswatch.common.mseed.MiniSeedRecord;
import org.seiswatch.common.mseed.Steim2Records;
import org.seiswatch.common.topic.Topics;
import org.seiswatch.detector.DetectorConfig;
import org.seiswatch.detector.assembler.AssemblerOutput;
import org.seiswatch.detector.assembler.AssemblerProcessor;
import org.seiswatch.detector.assembler.ChannelStateSerde;
import org.seiswatch.detector.assembler.SampleBlock;
import org.seiswatch.detector.associator.AssociatorInput;
import org.seiswatch.detector.associator.AssociatorProcessor;
import org.seiswatch.detector.phasenet.MicroBatcher;
import org.seiswatch.detector.phasenet.PhaseNetProcessor;
import org.seiswatch.detector.phasenet.PhaseNetStateStore;
import org.seiswatch.detector.phasenet.PhasePicker;
import org.seiswatch.detector.phasenet.StationState;
import org.seiswatch.detector.picker.PickerProcessor;
import org.seiswatch.detector.picker.StaLtaState;

/**
 * Throughput of the PhaseNet picker two ways, in one run: the raw ONNX Runtime session on
 * normalised windows at fixed batch sizes, and the streaming picker of the detector topology (the
 * assembler decoding 512-byte Steim-2 miniSEED into sample blocks, the PhaseNet processor aligning
 * components, cutting a window every stride, running them through the shared {@link MicroBatcher},
 * stacking and picking) for N synthetic three-component 100 Hz stations. The processors run on
 * Kafka's {@code MockProcessorContext} with in-memory stores behind the production serdes, one
 * chain per simulated stream thread, so broker I/O, RocksDB and the associator are left out and the
 * figure is the picker's own. Data are Gaussian noise: the work per window does not depend on the
 * signal.
 */
public final class PickerBenchmark {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private static final String[] COMPONENTS = {"HHE", "HHN", "HHZ"};

  private final PhasePicker picker;
  private final Consumer<String> progress;

  public PickerBenchmark(PhasePicker picker, Consumer<String> progress) {
    this.picker = picker;
    this.progress = progress;
  }

  /** Raw model windows per second at one batch size, over at least {@code seconds}. */
  public record RawResult(int batchSize, long windows, double seconds, double windowsPerSecond) {}

  /** What the streaming run measured. */
  public record StreamResult(
      int stations,
      int threads,
      double dataSeconds,
      long records,
      long windows,
      long batches,
      double meanBatch,
      double seconds,
      double windowsPerSecond,
      long picks,
      double streamCpuSeconds,
      double modelSeconds) {

    /** Share of the run's wall time the model was running a batch. */
    public double modelBusy() {
      return seconds == 0 ? 0 : modelSeconds / seconds;
    }

    /**
     * CPU the simulated stream threads spent per window outside the model (decoding, alignment,
     * windowing, normalisation, stacking, state serialisation), in ms; they block while the model
     * runs.
     */
    public double streamCpuMsPerWindow() {
      return windows == 0 ? 0 : streamCpuSeconds * 1000 / windows;
    }
  }

  /**
   * Pick latency at one stacking setting, from the bundled event's picks: {@code processing} is
   * wall time from handing the record that completed a pick's data to the assembler until the pick
   * is forwarded (what the issue calls newest sample → pick, before the Kafka commit); {@code data}
   * is data time from the pick's onset to the end of that record; with data arriving in real time,
   * arrival → pick = data + processing.
   */
  public record LatencyResult(
      double strideSeconds,
      double horizonSeconds,
      int picks,
      double processingP50Ms,
      double processingP99Ms,
      double dataP50Seconds,
      double dataP99Seconds,
      double arrivalP50Seconds,
      double arrivalP99Seconds) {}

  /** Heap and state with many stations loaded. */
  public record HeapResult(
      int stations, long heapBytesBefore, long heapBytesAfter, long stateBytes) {
    public double heapMibPerThousand() {
      return (heapBytesAfter - heapBytesBefore) / 1048576.0 * 1000 / stations;
    }
  }

  /** Runs the model on {@code batchSize} random windows repeatedly for at least {@code seconds}. */
  public RawResult raw(int batchSize, double seconds) {
    int n = picker.manifest().windowSamples();
    Random random = new Random(batchSize);
    float[][][] windows = new float[batchSize][3][n];
    for (float[][] w : windows) {
      for (float[] c : w) {
        for (int i = 0; i < n; i++) {
          c[i] = (float) random.nextGaussian();
        }
      }
    }
    picker.predict(windows);
    picker.predict(windows);
    long windowsRun = 0;
    long start = System.nanoTime();
    long until = start + (long) (seconds * 1e9);
    while (System.nanoTime() < until) {
      picker.predict(windows);
      windowsRun += batchSize;
    }
    double took = (System.nanoTime() - start) / 1e9;
    return new RawResult(batchSize, windowsRun, took, windowsRun / took);
  }

  /**
   * Streams {@code dataSeconds} of {@code stations} synthetic stations through {@code threads}
   * topologies that share {@code batcher}; stations are split round-robin over the threads.
   */
  public StreamResult stream(
      MicroBatcher batcher,
      Map<String, Object> detectorSettings,
      int stations,
      int threads,
      double dataSeconds) {
    progress.accept(
        String.format(
            java.util.Locale.ROOT,
            "writing %d stations x 3 channels x %.0f s of miniSEED ...",
            stations,
            dataSeconds));
    List<List<Raw>> perThread = records(stations, threads, dataSeconds);
    long records = perThread.stream().mapToLong(List::size).sum();
    progress.accept(
        String.format(
            java.util.Locale.ROOT,
            "streaming %d records through %d topology threads ...",
            records,
            threads));
    long windowsBefore = batcher.windowsRun();
    long batchesBefore = batcher.batchesRun();
    long modelBefore = batcher.modelNanos();
    List<Driver> drivers = drivers(batcher, detectorSettings, threads);
    long picks;
    long start = System.nanoTime();
    try {
      double cpu = runAll(drivers, perThread, stations);
      double took = (System.nanoTime() - start) / 1e9;
      picks = drivers.stream().mapToLong(Driver::picks).sum();
      long windows = batcher.windowsRun() - windowsBefore;
      long batches = batcher.batchesRun() - batchesBefore;
      return new StreamResult(
          stations,
          threads,
          dataSeconds,
          records,
          windows,
          batches,
          batches == 0 ? 0 : (double) windows / batches,
          took,
          windows / took,
          picks,
          cpu,
          (batcher.modelNanos() - modelBefore) / 1e9);
    } finally {
      drivers.forEach(Driver::close);
    }
  }

  /**
   * Loads {@code stations} stations with {@code dataSeconds} each through the topology and measures
   * the heap that stays in use (after garbage collection) while their state is live, and the
   * serialised size of their PhaseNet state in both its stores (kept in RocksDB, off the heap, in
   * production).
   */
  public HeapResult heap(
      MicroBatcher batcher,
      Map<String, Object> detectorSettings,
      int stations,
      int threads,
      double dataSeconds) {
    List<List<Raw>> perThread = records(stations, threads, dataSeconds);
    List<Driver> drivers = drivers(batcher, detectorSettings, threads);
    // Both figures with the generated records alive, so that only the stations' state differs.
    long before = usedHeapAfterGc();
    try {
      progress.accept("loading " + stations + " stations for the heap figure ...");
      runAll(drivers, perThread, stations);
      long after = usedHeapAfterGc();
      perThread.clear();
      long state = drivers.stream().mapToLong(Driver::stateBytes).sum();
      return new HeapResult(stations, before, after, state);
    } finally {
      drivers.forEach(Driver::close);
    }
  }

  /**
   * Streams the bundled hv70907436 records ({@code copies} times, one copy per simulated stream
   * thread, in time order) with {@code stride}/{@code horizon} and measures each pick's latency.
   */
  public LatencyResult latency(
      MicroBatcher batcher,
      Map<String, Object> detectorSettings,
      double stride,
      double horizon,
      int copies) {
    List<Raw> demo = demoRecords();
    Map<String, Object> settings = new HashMap<>(detectorSettings);
    settings.put(DetectorConfig.PHASENET_STRIDE_S, stride);
    settings.put(DetectorConfig.PHASENET_HORIZON_S, horizon);
    List<Driver> drivers = drivers(batcher, settings, copies);
    try {
      inParallel(drivers.stream().<Runnable>map(d -> () -> demo.forEach(d::pipe)).toList());
    } finally {
      drivers.forEach(Driver::close);
    }
    List<Double> processing = new ArrayList<>();
    List<Double> data = new ArrayList<>();
    List<Double> arrival = new ArrayList<>();
    for (Driver d : drivers) {
      for (long[] l : d.latencies) {
        processing.add(l[0] / 1e6);
        data.add(l[1] / 1e9);
        arrival.add(l[1] / 1e9 + l[0] / 1e9);
      }
    }
    return new LatencyResult(
        stride,
        horizon,
        processing.size(),
        percentile(processing, 50),
        percentile(processing, 99),
        percentile(data, 50),
        percentile(data, 99),
        percentile(arrival, 50),
        percentile(arrival, 99));
  }

  /** Nearest-rank percentile; NaN for no values. */
  static double percentile(List<Double> values, double p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int rank = (int) Math.ceil(p / 100 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  private static List<Raw> demoRecords() {
    List<Raw> out = new ArrayList<>();
    for (String name : DemoEvent.waveformFiles()) {
      java.nio.ByteBuffer all = java.nio.ByteBuffer.wrap(DemoEvent.read(name));
      while (all.remaining() > 0) {
        int length = MiniSeed.recordLength(all.slice());
        byte[] r = new byte[length];
        all.get(r);
        MiniSeedRecord parsed = MiniSeed.parse(r);
        out.add(new Raw(parsed.streamId().stationKey(), parsed.startTime(), r));
      }
    }
    out.sort(Comparator.comparing(Raw::start));
    return out;
  }

  private static List<Driver> drivers(
      MicroBatcher batcher, Map<String, Object> settings, int count) {
    List<Driver> drivers = new ArrayList<>();
    for (int t = 0; t < count; t++) {
      drivers.add(new Driver(batcher, settings));
    }
    return drivers;
  }

  /** Runs every driver on its own thread; returns the CPU seconds those threads used. */
  private static double runAll(List<Driver> drivers, List<List<Raw>> perThread, int stations) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    DoubleAdder cpu = new DoubleAdder();
    List<Runnable> work = new ArrayList<>();
    for (int t = 0; t < drivers.size(); t++) {
      Driver d = drivers.get(t);
      List<Raw> mine = perThread.get(t);
      int thread = t;
      work.add(
          () -> {
            for (int i = thread; i < stations; i += drivers.size()) {
              d.station(station(i));
            }
            long before = threads.getCurrentThreadCpuTime();
            mine.forEach(d::pipe);
            cpu.add((threads.getCurrentThreadCpuTime() - before) / 1e9);
          });
    }
    inParallel(work);
    return cpu.sum();
  }

  /** Runs each task on its own thread (a simulated stream thread) and waits for all. */
  private static void inParallel(List<Runnable> work) {
    ExecutorService pool = Executors.newFixedThreadPool(work.size());
    try {
      List<Future<?>> done = new ArrayList<>();
      for (Runnable task : work) {
        done.add(pool.submit(task));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("streaming failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private record Raw(String key, Instant start, byte[] bytes) {}

  /** Per thread, its stations' records in start-time order (as one stream thread reads them). */
  private static List<List<Raw>> records(int stations, int threads, double dataSeconds) {
    List<List<Raw>> out = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      out.add(new ArrayList<>());
    }
    int samples = (int) Math.round(dataSeconds * 100);
    for (int i = 0; i < stations; i++) {
      Random random = new Random(i);
      for (String code : COMPONENTS) {
        int[] counts = new int[samples];
        for (int k = 0; k < samples; k++) {
          counts[k] = (int) Math.round(random.nextGaussian() * 1000);
        }
        StreamId id = new StreamId("BN", code(i), "", code);
        for (byte[] r : Steim2Records.encodeAll(id, T0, 100.0, counts, 1)) {
          Instant start = MiniSeed.startTime(java.nio.ByteBuffer.wrap(r));
          out.get(i % threads).add(new Raw(id.stationKey(), start, r));
        }
      }
    }
    for (List<Raw> list : out) {
      list.sort(Comparator.comparing(Raw::start));
    }
    return out;
  }

  private static String code(int i) {
    return String.format(java.util.Locale.ROOT, "B%04d", i);
  }

  private static Station station(int i) {
    List<Channel> channels = new ArrayList<>();
    for (String c : COMPONENTS) {
      channels.add(new Channel("", c, 100.0, 0.0, c.endsWith("Z") ? -90.0 : 0.0, 1.0, 1.0, "M/S"));
    }
    return new Station("BN", code(i), 30 + (i % 40) * 0.1, -120 + (i / 40) * 0.1, 0.0, channels);
  }

  /**
   * One simulated stream thread: the detector's assembler and PhaseNet processors chained by hand
   * on Kafka's {@link MockProcessorContext}, with in-memory state stores behind the same serdes as
   * in production (no RocksDB, no changelog, no broker).
   */
  private static final class Driver implements AutoCloseable {
    private final MockProcessorContext<String, AssemblerOutput> assemblerContext =
        new MockProcessorContext<>();
    private final MockProcessorContext<String, AssociatorInput> pickerContext =
        new MockProcessorContext<>();
    private final AssemblerProcessor assembler;
    private final PhaseNetProcessor picker;
    private final KeyValueStore<String, Station> stations;
    private final KeyValueStore<String, StationState> states;
    private final KeyValueStore<String, byte[]> samples;
    private final Serde<StationState> stateSerde;
    private long picks;
    final List<long[]> latencies = new ArrayList<>();

    Driver(MicroBatcher batcher, Map<String, Object> settings) {
      Map<String, Object> props = new HashMap<>(settings);
      props.put(DetectorConfig.BOOTSTRAP_SERVERS, "bench:9092");
      props.put(DetectorConfig.PICKER_TYPE, DetectorConfig.PICKER_TYPE_PHASENET);
      DetectorConfig config = DetectorConfig.from(props);
      var manifest = batcher.picker().manifest();
      stateSerde = StationState.serde(manifest, config.stackSettings(manifest.samplingRateHz()));
      add(assemblerContext, store(AssemblerProcessor.STORE, new ChannelStateSerde()));
      states = store(PhaseNetProcessor.STORE, stateSerde);
      add(pickerContext, states);
      samples = store(PhaseNetProcessor.SAMPLES_STORE, PhaseNetStateStore.samplesSerde());
      add(pickerContext, samples);
      add(pickerContext, store(PickerProcessor.STORE, StaLtaState.SERDE));
      stations = store(AssociatorProcessor.STATIONS_STORE, Topics.STATIONS.valueSerde());
      add(pickerContext, stations);
      assembler = new AssemblerProcessor(config.assemblerMaxLatenessSeconds());
      assembler.init(assemblerContext);
      picker =
          new PhaseNetProcessor(
              batcher,
              config.phaseNetSettings(manifest.samplingRateHz()),
              config.staLtaSettings(),
              PickerProcessor.STORE,
              AssociatorProcessor.STATIONS_STORE);
      picker.init(pickerContext);
    }

    private static <V> KeyValueStore<String, V> store(String name, Serde<V> serde) {
      return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), serde)
          .withLoggingDisabled()
          .withCachingDisabled()
          .build();
    }

    private static void add(MockProcessorContext<?, ?> context, KeyValueStore<?, ?> store) {
      store.init(context.getStateStoreContext(), store);
      context.addStateStore(store);
    }

    void station(Station s) {
      stations.put(s.key(), s);
    }

    void pipe(Raw r) {
      long started = System.nanoTime();
      assembler.process(new Record<>(r.key(), r.bytes(), r.start().toEpochMilli()));
      long newest = Long.MIN_VALUE;
      for (var forward : assemblerContext.forwarded()) {
        var out = forward.record();
        if (out.value() instanceof SampleBlock block) {
          newest = Math.max(newest, block.endNanos());
          picker.process(new Record<>(out.key(), block, out.timestamp()));
        }
      }
      assemblerContext.resetForwards();
      long took = System.nanoTime() - started;
      for (var forward : pickerContext.forwarded()) {
        if (forward.record().value().isPick()) {
          picks++;
          Instant onset = forward.record().value().pick().time();
          long onsetNanos = onset.getEpochSecond() * 1_000_000_000L + onset.getNano();
          latencies.add(new long[] {took, newest - onsetNanos});
        }
      }
      pickerContext.resetForwards();
    }

    long picks() {
      return picks;
    }

    /**
     * Serialised size (keys and values) of the PhaseNet state: headers, sample chunks,
     * accumulators.
     */
    long stateBytes() {
      long bytes = 0;
      try (KeyValueIterator<String, StationState> it = states.all()) {
        while (it.hasNext()) {
          KeyValue<String, StationState> kv = it.next();
          bytes += kv.key.length();
          bytes += stateSerde.serializer().serialize(PhaseNetProcessor.STORE, kv.value).length;
        }
      }
      try (KeyValueIterator<String, byte[]> it = samples.all()) {
        while (it.hasNext()) {
          KeyValue<String, byte[]> kv = it.next();
          bytes += kv.key.length() + kv.value.length;
        }
      }
      return bytes;
    }

    @Override
    public void close() {
      picker.close();
      assembler.close();
    }
  }
}
