package org.seiswatch.deploy.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.seiswatch.common.config.UnknownSettings;
import org.seiswatch.detector.DetectorConfig;
import picocli.CommandLine.Option;

/**
 * {@code --set KEY=VALUE} detector settings of the commands that run a detector inside them ({@code
 * demo}, {@code bench latency}).
 */
public final class DetectorOverrides {
  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "A detector setting, repeatable (see 'seiswatch detector --list-settings').")
  Map<String, String> values = new LinkedHashMap<>();

  /**
   * The settings given, checked against the detector's definition, so that a misspelt key stops the
   * command before it starts a broker.
   */
  public Map<String, String> checked() {
    UnknownSettings.reject(DetectorConfig.DEFINITION, values, "detector");
    return new LinkedHashMap<>(values);
  }
}
