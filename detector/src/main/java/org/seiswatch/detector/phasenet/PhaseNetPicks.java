package org.seiswatch.detector.phasenet;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.seiswatch.common.model.Amplitude;
import org.seiswatch.common.model.ClassificationInfo;
import org.seiswatch.common.model.Phase;
import org.seiswatch.common.model.Pick;
import org.seiswatch.common.model.Site;
import org.seiswatch.common.model.Source;
import org.seiswatch.common.model.StreamId;
import org.seiswatch.detector.internal.DataTime;

/**
 * Turns a PhaseNet pick into the {@link Pick} message: id {@code NET.STA.LOC.CHA.<phase>.<time
 * yyyyMMddTHHmmss.SSSZ>} (deterministic: same data, same id), {@code Picker} {@value #PICKER},
 * {@code Source.Author} {@code phasenet:<model version>}, {@code ClassificationInfo} with the phase
 * probability, {@code Amplitude} measured at the onset ({@link OnsetAmplitude}). The channel is the
 * station's vertical (or the first one present).
 */
public final class PhaseNetPicks {
  public static final String PICKER = "phasenet";

  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private PhaseNetPicks() {}

  /** The message for a stacked pick, its sample number at the model rate turned into a time. */
  public static Pick of(StreamId channel, StreamingStacker.StackedPick pick, ModelManifest model) {
    long period = DataTime.sampleOffset(1, model.samplingRateHz());
    return of(
        channel,
        pick.phase(),
        DataTime.toInstant(pick.index() * period),
        pick.score(),
        pick.amplitude(),
        model);
  }

  /**
   * @param amplitude the pick's {@link OnsetAmplitude}, or null
   */
  public static Pick of(
      StreamId channel,
      Phase phase,
      Instant time,
      double probability,
      Amplitude amplitude,
      ModelManifest model) {
    String id = channel + "." + phase + "." + ID_TIME.format(time);
    return new Pick(
        id,
        Site.of(channel),
        Source.seiswatch(model.name() + ":" + model.version()),
        time,
        phase,
        PICKER,
        amplitude,
        new ClassificationInfo(phase, Math.round(probability * 1e4) / 1e4),
        null);
  }

  /**
   * Slot of a component code in the model input: E or 1 → 0, N or 2 → 1, Z or 3 → 2 (manifest
   * {@code channel_order_notes}); -1 for anything else.
   */
  public static int slotOf(char component) {
    return switch (component) {
      case 'E', '1' -> 0;
      case 'N', '2' -> 1;
      case 'Z', '3' -> 2;
      default -> -1;
    };
  }
}
