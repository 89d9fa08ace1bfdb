package org.seiswatch.detector.phasenet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.seiswatch.common.model.Channel;
import org.seiswatch.common.model.Pick;
import org.seiswatch.common.model.Station;
import org.seiswatch.common.topic.Topics;
import org.seiswatch.detector.assembler.SampleBlock;
import org.seiswatch.detector.associator.AssociatorInput;
import org.seiswatch.detector.picker.StaLtaSettings;

/**
 * A {@link PhaseNetProcessor} on Kafka's {@link MockProcessorContext} with in-memory stores behind
 * the production serdes (as in the benchmark driver), counting the value bytes each store is
 * written. {@link #restart} replaces the processor by a new one on the same stores: its cache is
 * empty, so every station's state is loaded from the stores, as after a restart or rebalance.
 */
final class ProcessorHarness implements AutoCloseable {
  static final String STATIONS_STORE = "stations";

  /** Never used: every channel is at the model's rate. */
  private static final StaLtaSettings FALLBACK =
      new StaLtaSettings(0.5, 10, 5, 1.5, 2, 10, 10, 2, 0.5);

  private final MicroBatcher batcher;
  private final PhaseNetProcessor.Settings settings;
  private final MockProcessorContext<String, AssociatorInput> context =
      new MockProcessorContext<>();
  private final Serde<StationState> headerSerde;
  final KeyValueStore<String, StationState> headers;
  final KeyValueStore<String, byte[]> samples;
  final KeyValueStore<String, Station> stations;
  final AtomicLong headerBytes = new AtomicLong();
  final AtomicLong sampleBytes = new AtomicLong();
  final AtomicLong sampleWrites = new AtomicLong();
  private PhaseNetProcessor processor;

  ProcessorHarness(MicroBatcher batcher, StackSettings stack) {
    this.batcher = batcher;
    this.settings = new PhaseNetProcessor.Settings(stack, 10, 3000);
    ModelManifest manifest = batcher.picker().manifest();
    headerSerde = StationState.serde(manifest, stack);
    headers = store(PhaseNetProcessor.STORE, counting(headerSerde, headerBytes, new AtomicLong()));
    samples =
        store(
            PhaseNetProcessor.SAMPLES_STORE,
            counting(PhaseNetStateStore.samplesSerde(), sampleBytes, sampleWrites));
    stations = store(STATIONS_STORE, Topics.STATIONS.valueSerde());
    processor = newProcessor();
  }

  /** Gives {@code NET.STA} three 100 Hz components {@code <band>E/N/Z} in the metadata. */
  void station(String network, String station, String band) {
    List<Channel> channels = new ArrayList<>();
    for (char c : "ENZ".toCharArray()) {
      channels.add(new Channel("", band + c, 100.0, 0.0, c == 'Z' ? -90.0 : 0.0, 1.0, 1.0, "M/S"));
    }
    stations.put(network + "." + station, new Station(network, station, 0, 0, 0, channels));
  }

  /** Processes one block; returns the picks forwarded. */
  List<Pick> process(SampleBlock block) {
    processor.process(
        new Record<>(block.streamId().stationKey(), block, block.startNanos() / 1_000_000));
    List<Pick> picks = new ArrayList<>();
    for (var forward : context.forwarded()) {
      if (forward.record().value().isPick()) {
        picks.add(forward.record().value().pick());
      }
    }
    context.resetForwards();
    return picks;
  }

  /** A new processor (empty cache) on the same stores. */
  void restart() {
    processor.close();
    processor = newProcessor();
  }

  /**
   * A digest of everything stored (headers serialised, sample-store keys and values), to compare
   * two runs' states bit for bit.
   */
  String digest() {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (KeyValueIterator<String, StationState> it = headers.all()) {
      while (it.hasNext()) {
        KeyValue<String, StationState> kv = it.next();
        md.update(kv.key.getBytes(StandardCharsets.UTF_8));
        md.update(headerSerde.serializer().serialize(PhaseNetProcessor.STORE, kv.value));
      }
    }
    try (KeyValueIterator<String, byte[]> it = samples.all()) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> kv = it.next();
        md.update(kv.key.getBytes(StandardCharsets.UTF_8));
        md.update(kv.value);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** The keys in the samples store, in order. */
  List<String> sampleKeys() {
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = samples.all()) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> kv = it.next();
        keys.add(kv.key);
      }
    }
    return keys;
  }

  @Override
  public void close() {
    processor.close();
  }

  private PhaseNetProcessor newProcessor() {
    PhaseNetProcessor p =
        new PhaseNetProcessor(batcher, settings, FALLBACK, "picker-channels", STATIONS_STORE);
    p.init(context);
    return p;
  }

  private <V> KeyValueStore<String, V> store(String name, Serde<V> serde) {
    KeyValueStore<String, V> store =
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), serde)
            .withLoggingDisabled()
            .withCachingDisabled()
            .build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    return store;
  }

  private static <V> Serde<V> counting(Serde<V> serde, AtomicLong bytes, AtomicLong writes) {
    Serializer<V> inner = serde.serializer();
    Serializer<V> counted =
        (topic, value) -> {
          byte[] out = inner.serialize(topic, value);
          if (out != null) {
            bytes.addAndGet(out.length);
            writes.incrementAndGet();
          }
          return out;
        };
    return Serdes.serdeFrom(counted, serde.deserializer());
  }
}
