package org.seiswatch.alerts.consumer;

import java.util.Locale;
import org.seiswatch.common.json.Json;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.model.Hypocenter;
import org.seiswatch.common.model.Magnitude;
import org.seiswatch.common.model.Phase;

/**
 * The one human-readable log line per event version, e.g. {@code EVENT sw1234 v1 New origin
 * 2019-04-14T03:09:02.310Z lat 19.7450 lon -155.7900 depth 12.9 km picks 6 (2 S) ML 4.6}. Fixed
 * widths of the numbers (millisecond origin time, 4 decimals of degrees, 0.1 km depth) keep the
 * lines aligned and grep-able.
 */
public final class EventLogLine {
  private EventLogLine() {}

  public static String format(Detection detection) {
    String head =
        String.format(
            Locale.ROOT,
            "EVENT %s v%d %s",
            detection.id(),
            detection.version(),
            typeName(detection));
    Hypocenter h = detection.hypocenter();
    String where =
        h == null
            ? "no hypocenter"
            : String.format(
                Locale.ROOT,
                "origin %s lat %.4f lon %.4f depth %.1f km",
                Json.format(h.time()),
                h.latitude(),
                h.longitude(),
                h.depth());
    long s = detection.data().stream().filter(p -> p.phase() == Phase.S).count();
    String picks = " picks " + detection.data().size() + (s > 0 ? " (" + s + " S)" : "");
    return head + " " + where + picks + magnitude(detection.magnitude());
  }

  /** {@code " ML 4.6"}, with {@code " unreliable"} when it is flagged so, or nothing. */
  private static String magnitude(Magnitude m) {
    if (m == null) {
      return "";
    }
    return String.format(
        Locale.ROOT, " %s %.1f%s", m.type(), m.value(), m.reliable() ? "" : " unreliable");
  }

  /** The NEIC spelling: New, Update, Final, Retract. */
  private static String typeName(Detection detection) {
    String name = detection.detectionType().name();
    return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
  }
}
