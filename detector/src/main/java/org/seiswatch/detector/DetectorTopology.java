package org.seiswatch.detector;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.seiswatch.common.model.DeadLetter;
import org.seiswatch.common.model.Pick;
import org.seiswatch.common.topic.Topic;
import org.seiswatch.common.topic.Topics;
import org.seiswatch.detector.assembler.AssemblerOutput;
import org.seiswatch.detector.assembler.AssemblerProcessor;
import org.seiswatch.detector.assembler.ChannelStateSerde;
import org.seiswatch.detector.assembler.RawRecordTimestampExtractor;
import org.seiswatch.detector.assembler.RejectedRecord;
import org.seiswatch.detector.assembler.SampleBlock;
import org.seiswatch.detector.associator.Associator;
import org.seiswatch.detector.associator.AssociatorInput;
import org.seiswatch.detector.associator.AssociatorProcessor;
import org.seiswatch.detector.associator.AssociatorState;
import org.seiswatch.detector.associator.Locator;
import org.seiswatch.detector.associator.StationStoreUpdater;
import org.seiswatch.detector.associator.TravelTimesSource;
import org.seiswatch.detector.magnitude.AmplitudeHistory;
import org.seiswatch.detector.magnitude.AmplitudeProcessor;
import org.seiswatch.detector.magnitude.FilterState;
import org.seiswatch.detector.phasenet.FallbackReporter;
import org.seiswatch.detector.phasenet.MicroBatcher;
import org.seiswatch.detector.phasenet.ModelManifest;
import org.seiswatch.detector.phasenet.PhaseNetProcessor;
import org.seiswatch.detector.phasenet.PhaseNetStateStore;
import org.seiswatch.detector.phasenet.Resampler;
import org.seiswatch.detector.phasenet.StationState;
import org.seiswatch.detector.picker.PickerProcessor;
import org.seiswatch.detector.picker.StaLtaState;

/**
 * The detector's Kafka Streams topology, built by one pure function (no {@link
 * org.apache.kafka.streams.KafkaStreams}, no I/O):
 *
 * <pre>
 * seis.raw ─► assembler ─┬─► (rejected) ─► seis.deadletter
 *   [assembler-channels] └─► (blocks) ─┬─► amplitudes [magnitude-channels] ─────────┐
 *                                      └─► picker ─┬─► (picks) ─► seis.picks         │
 *       [phasenet-stations, picker-channels]       └─► merge ◄─────────────────────┘
 *                 ─► re-key to region ─► repartition
 *                 ─► associator [associator-regions, associator-amplitudes, global stations]
 *                 ─► seis.events
 * seis.stations ─► global store "stations"
 * </pre>
 *
 * <p>The amplitude processor (Wood-Anderson amplitudes of the horizontal channels for ML, absent
 * when {@code magnitude.enabled=false}) is attached to the blocks before the picker on purpose: for
 * each block Kafka Streams runs the children in the order they were added, so a block's amplitude
 * reaches the repartition topic before the progress mark the picker makes from the same block, and
 * when a station's progress passes a data time its amplitudes up to there have already arrived.
 *
 * <p>See {@code detector/README.md} and DESIGN.md "detector".
 */
public final class DetectorTopology {
  /**
   * Name of the repartition step; the internal topic is {@code
   * <application.id>-picks-by-region-repartition}.
   */
  public static final String REPARTITION = "picks-by-region";

  private DetectorTopology() {}

  /**
   * The topology with the STA/LTA picker ({@code picker.type=stalta}); a PhaseNet configuration
   * needs the model: {@link #build(DetectorConfig, MicroBatcher)}.
   */
  /** Wall-clock ms between two {@code seis.health} warnings about one channel PhaseNet skips. */
  static final long FALLBACK_REPORT_MS = 600_000;

  public static Topology build(DetectorConfig config) {
    return build(config, null);
  }

  /**
   * The topology; with {@code picker.type=phasenet} every station's windows run through {@code
   * batcher} (one per service, shared by all stream threads), else {@code batcher} may be null.
   */
  public static Topology build(DetectorConfig config, MicroBatcher batcher) {
    if (config.usesPhaseNet() && batcher == null) {
      throw new IllegalArgumentException(
          "picker.type=phasenet needs the model: build(config, batcher)");
    }
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(AssemblerProcessor.STORE),
            Serdes.String(),
            new ChannelStateSerde()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(PickerProcessor.STORE),
            Serdes.String(),
            StaLtaState.SERDE));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(AssociatorProcessor.STORE),
            Serdes.String(),
            AssociatorState.SERDE));
    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(AssociatorProcessor.STATIONS_STORE),
                Topics.STATIONS.keySerde(),
                Topics.STATIONS.valueSerde())
            .withLoggingDisabled(),
        Topics.STATIONS.name(),
        consumed(Topics.STATIONS).withName("stations-source"),
        StationStoreUpdater::new);

    double lateness = config.assemblerMaxLatenessSeconds();
    KStream<String, AssemblerOutput> assembled =
        builder.stream(
                Topics.RAW.name(),
                consumed(Topics.RAW)
                    .withName("raw-source")
                    .withTimestampExtractor(new RawRecordTimestampExtractor()))
            .process(
                () -> new AssemblerProcessor(lateness),
                Named.as("assembler"),
                AssemblerProcessor.STORE);

    assembled
        .filter((key, out) -> out instanceof RejectedRecord, Named.as("rejected"))
        .<DeadLetter>mapValues(out -> ((RejectedRecord) out).deadLetter(), Named.as("dead-letter"))
        .to(Topics.DEADLETTER.name(), produced(Topics.DEADLETTER).withName("deadletter-sink"));

    var settings = config.staLtaSettings();
    KStream<String, SampleBlock> blocks =
        assembled
            .filter((key, out) -> out instanceof SampleBlock, Named.as("blocks"))
            .<SampleBlock>mapValues(out -> (SampleBlock) out, Named.as("as-block"));
    KStream<String, AssociatorInput> amplitudes = null;
    boolean withAmplitudes = config.magnitudeSettings().enabled();
    if (withAmplitudes) {
      builder.addStateStore(
          Stores.keyValueStoreBuilder(
              Stores.persistentKeyValueStore(AssociatorProcessor.AMPLITUDES_STORE),
              Serdes.String(),
              AmplitudeHistory.SERDE));
      builder.addStateStore(
          Stores.keyValueStoreBuilder(
              Stores.persistentKeyValueStore(AmplitudeProcessor.STORE),
              Serdes.String(),
              FilterState.SERDE));
      var amplitudeSettings = config.amplitudeSettings();
      amplitudes =
          blocks.process(
              () -> new AmplitudeProcessor(amplitudeSettings, AssociatorProcessor.STATIONS_STORE),
              Named.as("amplitudes"),
              AmplitudeProcessor.STORE);
    }
    KStream<String, AssociatorInput> picked;
    if (config.usesPhaseNet()) {
      ModelManifest manifest = batcher.picker().manifest();
      PhaseNetProcessor.Settings phaseNet = config.phaseNetSettings(manifest.samplingRateHz());
      builder.addStateStore(
          Stores.keyValueStoreBuilder(
              Stores.persistentKeyValueStore(PhaseNetProcessor.STORE),
              Serdes.String(),
              StationState.serde(manifest, phaseNet.stack())));
      builder.addStateStore(
          Stores.keyValueStoreBuilder(
              Stores.persistentKeyValueStore(PhaseNetProcessor.SAMPLES_STORE),
              Serdes.String(),
              PhaseNetStateStore.samplesSerde()));
      builder.addStateStore(
          Stores.keyValueStoreBuilder(
              Stores.persistentKeyValueStore(PhaseNetProcessor.RESAMPLER_STORE),
              Serdes.String(),
              Resampler.serde(manifest.samplingRateHz())));
      picked =
          blocks.process(
              () ->
                  new PhaseNetProcessor(
                      batcher,
                      phaseNet,
                      settings,
                      PickerProcessor.STORE,
                      AssociatorProcessor.STATIONS_STORE),
              Named.as("picker"),
              PhaseNetProcessor.STORE,
              PhaseNetProcessor.SAMPLES_STORE,
              PhaseNetProcessor.RESAMPLER_STORE,
              PickerProcessor.STORE);
      double modelRate = manifest.samplingRateHz();
      blocks
          .process(
              () -> new FallbackReporter(modelRate, FALLBACK_REPORT_MS),
              Named.as("fallback-reporter"))
          .to(Topics.HEALTH.name(), produced(Topics.HEALTH).withName("health-sink"));
    } else {
      picked =
          blocks.process(
              () -> new PickerProcessor(settings), Named.as("picker"), PickerProcessor.STORE);
    }

    picked
        .filter((key, in) -> in.isPick(), Named.as("picks"))
        .<Pick>mapValues(AssociatorInput::pick, Named.as("as-pick"))
        .to(Topics.PICKS.name(), produced(Topics.PICKS).withName("picks-sink"));

    String region = config.region();
    var associatorSettings = config.associatorSettings();
    var locatorSettings = config.locatorSettings();
    var nucleationSettings = config.nucleationSettings();
    var magnitudeSettings = config.magnitudeSettings();
    // Loaded (TauP table from the cache, or built) when the first task starts, not here.
    var travelTimes = TravelTimesSource.lazy(config);
    long stationTimeout = config.stationTimeoutMs();
    long idleFlush = config.idleFlushMs();
    KStream<String, AssociatorInput> toAssociator =
        amplitudes == null ? picked : picked.merge(amplitudes, Named.as("with-amplitudes"));
    toAssociator
        .selectKey((key, in) -> region, Named.as("by-region"))
        .repartition(
            Repartitioned.<String, AssociatorInput>as(REPARTITION)
                .withKeySerde(Serdes.String())
                .withValueSerde(AssociatorInput.SERDE))
        .process(
            () ->
                new AssociatorProcessor(
                    new Associator(
                        associatorSettings,
                        nucleationSettings,
                        new Locator(travelTimes.get(), locatorSettings),
                        magnitudeSettings),
                    stationTimeout,
                    idleFlush,
                    withAmplitudes),
            Named.as("associator"),
            withAmplitudes
                ? new String[] {AssociatorProcessor.STORE, AssociatorProcessor.AMPLITUDES_STORE}
                : new String[] {AssociatorProcessor.STORE})
        .to(Topics.EVENTS.name(), produced(Topics.EVENTS).withName("events-sink"));
    return builder.build();
  }

  private static <K, V> Consumed<K, V> consumed(Topic<K, V> topic) {
    return Consumed.with(topic.keySerde(), topic.valueSerde());
  }

  private static <K, V> Produced<K, V> produced(Topic<K, V> topic) {
    return Produced.with(topic.keySerde(), topic.valueSerde());
  }
}
