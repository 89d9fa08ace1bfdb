package org.seiswatch.alerts.format;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.seiswatch.common.error.InvalidRecordException;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.model.DetectionType;

class NeicJsonFormatTest {
  private final NeicJsonFormat format = new NeicJsonFormat();

  @ParameterizedTest
  @EnumSource(DetectionType.class)
  void shouldReadBackEqualDetectionWhenWrittenAsJson(DetectionType type) {
    Detection detection = FormatFixtures.full(2, type, 5);

    assertEquals(detection, format.read(format.write(detection)));
  }

  @Test
  void shouldReadBackEqualListWhenVersionsWrittenAsArray() {
    List<Detection> versions =
        List.of(
            FormatFixtures.full(1, DetectionType.NEW, 4),
            FormatFixtures.full(2, DetectionType.UPDATE, 6),
            FormatFixtures.retract(3));

    assertEquals(versions, format.readList(format.writeVersions(versions, FormatFixtures.CONTEXT)));
  }

  @Test
  void shouldWriteNeicFieldNamesWhenDetectionIsWritten() {
    String json =
        new String(
            format.write(FormatFixtures.full(1, DetectionType.NEW, 1)), StandardCharsets.UTF_8);

    assertEquals(
        true,
        json.startsWith("{\"Type\":\"Detection\",\"ID\":\"sw201904140309023\",\"Version\":1,"),
        json);
  }

  @Test
  void shouldThrowInvalidRecordWhenJsonIsNoDetection() {
    assertThatThrownBy(() -> format.read("{\"Version\":1}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining("Detection");
  }

  @Test
  void shouldCarryTheMagnitudeObjectWhenTheVersionHasOne() {
    Detection detection = FormatFixtures.withMagnitude(3, DetectionType.FINAL, 5);
    String json = new String(format.write(detection), StandardCharsets.UTF_8);

    assertEquals(detection, format.read(format.write(detection)));
    assertEquals(
        true,
        json.contains("\"Magnitude\":{\"Value\":4.61,\"Type\":\"ML\",\"StationCount\":4,"),
        json);
  }
}
