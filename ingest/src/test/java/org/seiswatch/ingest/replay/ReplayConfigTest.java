package org.seiswatch.ingest.replay;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seiswatch.common.error.ConfigurationException;

class ReplayConfigTest {
  private static final Map<String, Object> MINIMAL =
      Map.of(ReplayConfig.BOOTSTRAP_SERVERS, "broker:9092", ReplayConfig.INPUTS, "a.mseed,dir");

  private static Map<String, Object> with(String key, Object value) {
    Map<String, Object> props = new HashMap<>(MINIMAL);
    props.put(key, value);
    return props;
  }

  @Test
  void shouldApplyDefaultsWhenOnlyBrokerAndInputsAreGiven() {
    ReplayConfig config = ReplayConfig.from(MINIMAL);

    assertEquals(List.of(Path.of("a.mseed"), Path.of("dir")), config.inputs());
    assertEquals(List.of(), config.stationInputs());
    assertEquals(0.0, config.speed());
    assertEquals(Duration.ofSeconds(5), config.progressInterval());
  }

  @Test
  void shouldForceAcksAllAndIdempotenceWhenBuildingProducerProperties() {
    Map<String, Object> producer =
        ReplayConfig.from(with("producer.max.request.size", "2097152")).producerProperties();

    assertEquals("all", producer.get("acks"));
    assertEquals(true, producer.get("enable.idempotence"));
    assertEquals(List.of("broker:9092"), producer.get("bootstrap.servers"));
    assertEquals(20, producer.get("linger.ms"));
    assertEquals(262144, producer.get("batch.size"));
    assertEquals("2097152", producer.get("max.request.size"));
  }

  @Test
  void shouldRejectNegativeSpeedNamingTheSetting() {
    assertThatThrownBy(() -> ReplayConfig.from(with(ReplayConfig.SPEED, -2)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(ReplayConfig.SPEED);
  }

  @Test
  void shouldRejectMissingBootstrapServersNamingTheSetting() {
    assertThatThrownBy(() -> ReplayConfig.from(Map.of(ReplayConfig.INPUTS, "a.mseed")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(ReplayConfig.BOOTSTRAP_SERVERS);
  }

  @Test
  void shouldRejectConfigWhenThereIsNothingToReplay() {
    assertThatThrownBy(
            () -> ReplayConfig.from(Map.of(ReplayConfig.BOOTSTRAP_SERVERS, "broker:9092")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(ReplayConfig.INPUTS);
  }

  @Test
  void shouldRejectOverridingAcksWhenProducerAcksIsSet() {
    assertThatThrownBy(() -> ReplayConfig.from(with("producer.acks", "1")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("producer.acks");
  }
}
