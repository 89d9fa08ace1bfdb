package org.seiswatch.alerts.format;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.seiswatch.alerts.Detections;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.model.DetectionType;
import org.seiswatch.common.model.Hypocenter;
import org.seiswatch.common.model.Magnitude;
import org.seiswatch.common.model.Source;

/** Event versions with every optional field set, and a request context, for the format tests. */
final class FormatFixtures {
  static final Instant GENERATED = Instant.parse("2019-04-14T03:10:00Z");
  static final FormatContext CONTEXT =
      new FormatContext(
          URI.create("http://alerts.example:8080/api/events?format=x"),
          URI.create("http://alerts.example:8080"),
          GENERATED);

  private FormatFixtures() {}

  /** Version {@code version} of sw20190414030902, with errors, RMS, gap and minimum distance. */
  static Detection full(int version, DetectionType type, int picks) {
    Detection plain =
        Detections.detection(
            "sw201904140309023", version, type, Detections.ORIGIN, 19.745, -155.79, 12.9, picks);
    Hypocenter h = plain.hypocenter();
    return new Detection(
        plain.id(),
        plain.version(),
        plain.source(),
        new Hypocenter(h.latitude(), h.longitude(), h.depth(), h.time(), 1.25, 2.5, 3.75, 0.125),
        plain.detectionType(),
        plain.detectionTime(),
        plain.detector(),
        0.0625,
        0.34,
        97.5,
        plain.data());
  }

  /** {@link #full} with a local magnitude (ML 4.61 from 4 stations, unreliable: one clipped). */
  static Detection withMagnitude(int version, DetectionType type, int picks) {
    Detection d = full(version, type, picks);
    Magnitude m =
        new Magnitude(
            4.61,
            "ML",
            4,
            0.24,
            false,
            "1 station(s) left out as clipped (HV.HUAD)",
            List.of(
                new Magnitude.StationMagnitude("HV.HSSD", 62.23, 59.016, 4.462, true, null),
                new Magnitude.StationMagnitude(
                    "HV.HUAD", 1143.5, 40.827, 5.515, false, "clipped")));
    return d.withMagnitude(m);
  }

  /** A retraction without hypocenter and picks. */
  static Detection retract(int version) {
    return new Detection(
        "sw201904140309023",
        version,
        Source.seiswatch("test"),
        null,
        DetectionType.RETRACT,
        Detections.ORIGIN.plusSeconds(40),
        "seiswatch",
        null,
        null,
        null,
        List.of());
  }
}
