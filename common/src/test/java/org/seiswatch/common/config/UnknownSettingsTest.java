package org.seiswatch.common.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.junit.jupiter.api.Test;
import org.seiswatch.common.error.ConfigurationException;

class UnknownSettingsTest {
  private static final ConfigDef DEF =
      new ConfigDef()
          .define("associator.station.quiet.s", Type.DOUBLE, 180.0, Importance.LOW, "quiet")
          .define("associator.min.stations", Type.INT, 4, Importance.LOW, "stations");

  @Test
  void shouldNameTheMisspeltKeyAndTheSettingItResembles() {
    assertThatThrownBy(
            () -> UnknownSettings.reject(DEF, Map.of("associator.station.quiet", "60"), "detector"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "unknown detector setting 'associator.station.quiet' (did you mean"
                + " 'associator.station.quiet.s'?); '--list-settings' lists them all");
  }

  @Test
  void shouldNameEveryUnknownKeyWithoutAGuessWhenNothingIsClose() {
    assertThatThrownBy(
            () ->
                UnknownSettings.reject(
                    DEF,
                    Map.of("colour", "red", "associator.min.station", "3", "x", "1"),
                    "detector"))
        .hasMessageContaining("settings 'associator.min.station' (did you mean")
        .hasMessageContaining("'colour', 'x';");
  }

  @Test
  void shouldAcceptDefinedKeysAndPassThroughPrefixes() {
    assertThatCode(
            () ->
                UnknownSettings.reject(
                    DEF,
                    Map.of("associator.min.stations", "5", "producer.linger.ms", "5"),
                    "replay",
                    "producer."))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () -> UnknownSettings.reject(DEF, Map.of("producer.linger.ms", "5"), "detector"))
        .hasMessageContaining("'producer.linger.ms'");
  }

  @Test
  void shouldMeasureEditDistance() {
    assertEquals(0, UnknownSettings.distance("abc", "abc"));
    assertEquals(2, UnknownSettings.distance(".s", ""));
    assertEquals(1, UnknownSettings.distance("kitten", "sitten"));
    assertEquals(3, UnknownSettings.distance("kitten", "sitting"));
    assertNull(UnknownSettings.closest("zzzz", Set.of("associator.min.stations")));
  }
}
