package org.seiswatch.detector;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.seiswatch.detector.phasenet.MicroBatcher;
import org.seiswatch.detector.phasenet.ModelFiles;
import org.seiswatch.detector.phasenet.OnnxPhasePicker;
import org.seiswatch.detector.phasenet.PhasePicker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detector service: runs {@link DetectorTopology} in Kafka Streams with exactly-once (v2)
 * processing. The constructor only keeps the configuration; {@link #start()} opens the PhaseNet
 * model (one ONNX session and one {@link MicroBatcher} for all stream threads, when {@code
 * picker.type=phasenet}) and connects; {@link #stop()} closes both.
 */
public final class DetectorService {
  private static final Logger LOG = LoggerFactory.getLogger(DetectorService.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final DetectorConfig config;
  private KafkaStreams streams;
  private PhasePicker picker;
  private MicroBatcher batcher;
  private boolean stopped;

  public DetectorService(DetectorConfig config) {
    this.config = config;
  }

  /** The Kafka Streams properties this service runs with. */
  public Properties streamsProperties() {
    Properties p = new Properties();
    p.put(
        StreamsConfig.BOOTSTRAP_SERVERS_CONFIG,
        String.join(",", config.getList(DetectorConfig.BOOTSTRAP_SERVERS)));
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    p.put(StreamsConfig.STATE_DIR_CONFIG, config.getString(DetectorConfig.STATE_DIR));
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(
        StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.getLong(DetectorConfig.COMMIT_INTERVAL_MS));
    p.put(
        StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.getInt(DetectorConfig.NUM_STREAM_THREADS));
    p.put(
        StreamsConfig.REPLICATION_FACTOR_CONFIG, config.getInt(DetectorConfig.REPLICATION_FACTOR));
    p.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterDeserializationHandler.class);
    // A processing failure on one record must not stop the detector (a bad record never crashes
    // it).
    p.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        LogAndContinueProcessingExceptionHandler.class);
    // ...including the global thread that loads seis.stations (Kafka 5.0 makes this the default).
    p.put("processing.exception.handler.global.enabled", true);
    // Forward records downstream at once rather than after the record cache fills (latency).
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
    return p;
  }

  public synchronized void start() {
    if (streams != null) {
      throw new IllegalStateException("detector already started");
    }
    if (config.usesPhaseNet()) {
      openModel();
    }
    try {
      streams = new KafkaStreams(DetectorTopology.build(config, batcher), streamsProperties());
    } catch (RuntimeException e) {
      closeModel();
      throw e;
    }
    streams.setUncaughtExceptionHandler(
        e -> {
          LOG.error("detector stream thread failed; replacing it", e);
          return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    streams.setStateListener(
        (now, before) -> LOG.info("detector {}: {} -> {}", config.applicationId(), before, now));
    streams.start();
  }

  /** Closes Kafka Streams and leaves the consumer group at once, so a restart need not wait. */
  public synchronized void stop() {
    if (streams == null) {
      return;
    }
    try {
      streams.close(
          CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
              .withTimeout(CLOSE_TIMEOUT));
    } finally {
      streams = null;
      stopped = true;
      closeModel();
    }
  }

  /**
   * Opens the ONNX session and the batcher; a missing or bad model, or a manifest that does not
   * match it, throws {@link org.seiswatch.common.error.ConfigurationException} naming the problem.
   */
  private void openModel() {
    ModelFiles files = config.modelFiles();
    picker = OnnxPhasePicker.open(files, config.getInt(DetectorConfig.PHASENET_INTRA_OP_THREADS));
    batcher =
        MicroBatcher.start(
            picker,
            config.getInt(DetectorConfig.PHASENET_BATCH_SIZE),
            config.getLong(DetectorConfig.PHASENET_MAX_WAIT_MS));
    LOG.info(
        "PhaseNet picker: {} {} ({})",
        picker.manifest().name(),
        picker.manifest().version(),
        files.description());
  }

  private void closeModel() {
    if (batcher != null) {
      batcher.close();
      batcher = null;
    }
    if (picker != null) {
      picker.close();
      picker = null;
    }
  }

  /**
   * Kafka Streams state; {@code CREATED} before {@link #start()}, {@code NOT_RUNNING} after {@link
   * #stop()}.
   */
  public synchronized KafkaStreams.State state() {
    if (streams == null) {
      return stopped ? KafkaStreams.State.NOT_RUNNING : KafkaStreams.State.CREATED;
    }
    return streams.state();
  }

  public String applicationId() {
    return config.applicationId();
  }
}
