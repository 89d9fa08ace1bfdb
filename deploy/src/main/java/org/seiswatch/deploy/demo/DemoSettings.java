package org.seiswatch.deploy.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link Demo} runs.
 *
 * @param bootstrapServers an existing Kafka cluster, or null to start the embedded broker
 * @param brokerPort client port of the embedded broker (0 = any free port)
 * @param dataDir where broker and Kafka Streams state live; null = a temporary directory deleted on
 *     close
 * @param httpPort port of the alert service's HTTP API (0 = any free port)
 * @param speed replay pace, N × real time; 0 = as fast as possible
 * @param detectorSettings extra detector settings ({@code seiswatch detector --list-settings})
 */
public record DemoSettings(
    String bootstrapServers,
    int brokerPort,
    Path dataDir,
    int httpPort,
    double speed,
    Map<String, Object> detectorSettings) {

  public DemoSettings {
    if (!(speed >= 0)) {
      throw new IllegalArgumentException("speed " + speed + " must be >= 0");
    }
    detectorSettings = Map.copyOf(Objects.requireNonNullElse(detectorSettings, Map.of()));
  }

  /** Embedded broker and HTTP on free ports, temporary data, fastest replay: for tests. */
  public static DemoSettings forTests() {
    return new DemoSettings(null, 0, null, 0, 0, Map.of());
  }

  /** How long the demo waits after the last pick or event before it calls the pipeline settled. */
  static Duration settleMargin() {
    return Duration.ofSeconds(2);
  }
}
