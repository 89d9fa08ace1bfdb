package org.seiswatch.deploy.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seiswatch.deploy.broker.TopicAdmin;
import org.seiswatch.detector.DetectorConfig;
import org.seiswatch.detector.DetectorService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seiswatch detector}: the Kafka Streams detector as its own process. */
@Command(
    name = "detector",
    mixinStandardHelpOptions = true,
    description = {
      "Run the detector until Ctrl-C: a Kafka Streams application (exactly-once) that assembles the miniSEED"
          + " records of seis.raw per station, picks P and S arrivals with PhaseNet (the bundled ONNX"
          + " model; picker.type=stalta for the STA/LTA picker; seis.picks), associates them into"
          + " located events with local magnitudes (seis.events), reports channels PhaseNet cannot"
          + " take on seis.health, and dead-letters records it cannot decode.",
      "Run several instances with the same application id to share the work (partitions = parallelism).",
      "Every setting: --list-settings; change one with --set KEY=VALUE or a --config file."
    })
public final class DetectorCommand implements Callable<Integer> {
  @Mixin KafkaOptions kafka;
  @Mixin ServiceSettings settings;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description = "Kafka Streams state directory (default: the detector's state.dir setting).")
  Path stateDir;

  @Override
  public Integer call() throws InterruptedException {
    if (settings.listIfRequested(DetectorConfig.DEFINITION, System.out)) {
      return 0;
    }
    Map<String, Object> values = settings.load();
    values.put(DetectorConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    values.putIfAbsent(DetectorConfig.REPLICATION_FACTOR, (int) kafka.replicationFactor());
    if (stateDir != null) {
      values.put(DetectorConfig.STATE_DIR, stateDir.toString());
    }
    DetectorConfig config = DetectorConfig.from(values);
    TopicAdmin.createMissing(kafka.bootstrapServers(), kafka.replicationFactor());
    DetectorService service = new DetectorService(config);
    service.start();
    System.out.println("Detector " + service.applicationId() + " running (Ctrl-C to stop)");
    Shutdown.awaitSignal(service::stop);
    return 0;
  }
}
