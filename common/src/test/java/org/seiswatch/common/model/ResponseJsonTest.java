package org.seiswatch.common.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seiswatch.common.json.Json;

class ResponseJsonTest {
  @Test
  void shouldReadAChannelWithoutPolesAndZerosWhenTheJsonPredatesThem() throws Exception {
    String old =
        "{\"location\":\"\",\"code\":\"HHE\",\"sampleRate\":100.0,\"azimuth\":90.0,\"dip\":0.0,"
            + "\"sensitivity\":7.55585E8,\"sensitivityFrequency\":0.5,\"inputUnits\":\"M/S\"}";
    Channel c = Json.mapper().readValue(old, Channel.class);
    assertNull(c.polesZeros());
    assertEquals(new Channel("", "HHE", 100, 90, 0, 7.55585e8, 0.5, "M/S"), c);
    assertThat(Json.mapper().writeValueAsString(c)).doesNotContain("polesZeros");
  }

  @Test
  void shouldRoundTripPolesAndZerosWhenTheChannelHasThem() throws Exception {
    PolesZeros pz =
        new PolesZeros(
            PolesZeros.RAD_PER_S,
            309036.0,
            0.5,
            "M/S",
            List.of(new Complex(0, 0), new Complex(-90, 0)),
            List.of(new Complex(-0.03852, -0.03658), new Complex(-0.03852, 0.03658)));
    Channel c = new Channel("", "HHE", 100, 90, 0, 7.55585e8, 0.5, "M/S", pz);
    String json = Json.mapper().writeValueAsString(c);
    assertEquals(c, Json.mapper().readValue(json, Channel.class));
    assertThat(json).contains("\"poles\":[{\"re\":-0.03852,\"im\":-0.03658}");
  }

  @Test
  void shouldLeaveOutTheMagnitudeWhenADetectionHasNone() throws Exception {
    Detection d =
        new Detection(
            "sw1", 1, null, null, DetectionType.NEW, null, null, null, null, null, List.of());
    assertThat(Json.mapper().writeValueAsString(d)).doesNotContain("Magnitude");
    assertNull(
        Json.mapper().readValue(Json.mapper().writeValueAsString(d), Detection.class).magnitude());
  }

  @Test
  void shouldRecogniseUnitsWhenSpelledAsInStationXml() {
    assertThat(PolesZeros.isVelocity("m/s")).isTrue();
    assertThat(PolesZeros.isAcceleration("M/S**2")).isTrue();
    assertThat(PolesZeros.isDisplacement("M")).isTrue();
    assertThat(PolesZeros.isVelocity("COUNTS")).isFalse();
  }
}
