package org.seiswatch.alerts.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seiswatch.alerts.Detections;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.model.DetectionType;
import org.seiswatch.common.model.Magnitude;

class EventLogLineTest {

  @Test
  void shouldFormatOneLineWhenNewEvent() {
    Detection detection =
        Detections.detection(
            "sw1234",
            1,
            DetectionType.NEW,
            Instant.parse("2019-04-14T03:09:02.310Z"),
            19.745,
            -155.79,
            12.94,
            6);

    assertEquals(
        "EVENT sw1234 v1 New origin 2019-04-14T03:09:02.310Z lat 19.7450 lon -155.7900"
            + " depth 12.9 km picks 6",
        EventLogLine.format(detection));
  }

  @Test
  void shouldPrintMillisecondsWhenOriginOnWholeSecond() {
    Detection detection =
        Detections.detection(
            "sw9",
            3,
            DetectionType.FINAL,
            Instant.parse("2019-04-14T03:09:02Z"),
            -33.5,
            7.25,
            0.0,
            12);

    assertEquals(
        "EVENT sw9 v3 Final origin 2019-04-14T03:09:02.000Z lat -33.5000 lon 7.2500"
            + " depth 0.0 km picks 12",
        EventLogLine.format(detection));
  }

  @Test
  void shouldSayNoHypocenterWhenRetractionCarriesNone() {
    Detection retraction =
        new Detection(
            "sw9", 4, null, null, DetectionType.RETRACT, null, null, null, null, null, null);

    assertEquals("EVENT sw9 v4 Retract no hypocenter picks 0", EventLogLine.format(retraction));
  }

  @Test
  void shouldAppendTheMagnitudeWhenTheEventHasOne() {
    Detection d =
        Detections.detection(
            "sw1234",
            7,
            DetectionType.FINAL,
            Instant.parse("2019-04-14T03:09:02.754Z"),
            19.7238,
            -155.7858,
            19.0,
            3);
    Detection withMagnitude =
        d.withMagnitude(
            new Magnitude(5.83, "ML", 0, null, false, "all stations clipped", List.of()));

    assertEquals(
        "EVENT sw1234 v7 Final origin 2019-04-14T03:09:02.754Z lat 19.7238 lon -155.7858"
            + " depth 19.0 km picks 3 ML 5.8 unreliable",
        EventLogLine.format(withMagnitude));
  }
}
