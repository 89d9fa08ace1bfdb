package org.seiswatch.detector;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seiswatch.common.error.ConfigurationException;
import org.seiswatch.detector.phasenet.PhaseNetSettings;

class DetectorConfigTest {
  @Test
  void shouldUseTheDefaultsWhenOnlyTheBrokersAreGiven() {
    DetectorConfig config = DetectorConfig.from(Map.of("bootstrap.servers", "localhost:9092"));

    assertEquals("seiswatch-detector", config.applicationId());
    assertEquals(4, config.associatorSettings().minStations());
    assertEquals(PhaseNetSettings.DEFAULT_STACK, config.stackSettings(100.0));
    assertEquals(
        "exactly_once_v2",
        new DetectorService(config).streamsProperties().get("processing.guarantee"));
  }

  @Test
  void shouldNameTheSettingWhenTheBrokersAreMissing() {
    assertThatThrownBy(() -> DetectorConfig.from(Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("bootstrap.servers");
  }

  @Test
  void shouldRejectTheConfigurationWhenTheOffRatioExceedsTheOnRatio() {
    assertThatThrownBy(
            () ->
                DetectorConfig.from(
                    Map.of(
                        "bootstrap.servers",
                        "b:9092",
                        "picker.on.ratio",
                        "2",
                        "picker.off.ratio",
                        "3")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("off ratio");
  }

  @Test
  void shouldNameTheSettingWhenTheEdgeWeightIsAboveOne() {
    assertThatThrownBy(
            () ->
                DetectorConfig.from(
                    Map.of("bootstrap.servers", "b:9092", "phasenet.edge.weight", "1.5")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("phasenet.edge.weight");
  }
}
