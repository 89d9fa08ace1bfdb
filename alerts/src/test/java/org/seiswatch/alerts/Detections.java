package org.seiswatch.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.seiswatch.common.model.AssociationInfo;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.model.DetectionType;
import org.seiswatch.common.model.Hypocenter;
import org.seiswatch.common.model.Phase;
import org.seiswatch.common.model.Pick;
import org.seiswatch.common.model.Site;
import org.seiswatch.common.model.Source;
import org.seiswatch.common.topic.Topics;

/** Event versions for tests, shaped like the detector's output for the bundled Hawaii event. */
public final class Detections {
  public static final Instant ORIGIN = Instant.parse("2019-04-14T03:09:02.310Z");

  private Detections() {}

  /** Version {@code version} of event {@code id}, located at {@code origin}, with {@code picks}. */
  public static Detection version(String id, int version, Instant origin, int picks) {
    DetectionType type = version == 1 ? DetectionType.NEW : DetectionType.UPDATE;
    return detection(id, version, type, origin, 19.745, -155.79, 12.9, picks);
  }

  public static Detection detection(
      String id,
      int version,
      DetectionType type,
      Instant origin,
      double latitude,
      double longitude,
      double depth,
      int picks) {
    List<Pick> data = new ArrayList<>();
    for (int i = 0; i < picks; i++) {
      Instant time = origin.plusSeconds(3 + i);
      data.add(
          new Pick(
              id + "-p" + i,
              new Site("ST" + i, "HHZ", "HV", ""),
              Source.seiswatch("test"),
              time,
              Phase.P,
              "phasenet",
              null,
              null,
              new AssociationInfo(Phase.P, 0.1 * i, 10.0 * i, 0.05, 1.0)));
    }
    return new Detection(
        id,
        version,
        Source.seiswatch("test"),
        new Hypocenter(latitude, longitude, depth, origin, null, null, null, null),
        type,
        origin.plusSeconds(3 + picks),
        "seiswatch",
        null,
        null,
        null,
        data);
  }

  /** The detection as the detector writes it on {@code seis.events}. */
  public static byte[] bytes(Detection detection) {
    return Topics.EVENTS.valueSerde().serializer().serialize(Topics.EVENTS.name(), detection);
  }
}
