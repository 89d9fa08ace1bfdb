package org.seiswatch.deploy.demo;

import java.util.Locale;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.model.Hypocenter;

/** One-line summaries of event versions for the terminal. */
final class EventLines {
  private EventLines() {}

  static String format(Detection event) {
    Hypocenter h = event.hypocenter();
    return String.format(
        Locale.ROOT,
        "EVENT %s v%d %s origin %s lat %.4f lon %.4f depth %.1f km picks %d%s",
        event.id(),
        event.version(),
        event.detectionType(),
        h.time(),
        h.latitude(),
        h.longitude(),
        h.depth(),
        event.data().size(),
        event.rms() == null ? "" : String.format(Locale.ROOT, " rms %.2f s", event.rms()));
  }
}
