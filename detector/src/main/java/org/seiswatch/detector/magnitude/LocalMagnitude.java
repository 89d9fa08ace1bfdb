package org.seiswatch.detector.magnitude;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.seiswatch.common.geo.Geo;
import org.seiswatch.common.model.Magnitude;
import org.seiswatch.common.model.Magnitude.StationMagnitude;
import org.seiswatch.common.model.Phase;
import org.seiswatch.common.model.Pick;
import org.seiswatch.common.model.Station;
import org.seiswatch.detector.internal.DataTime;

/**
 * The local magnitude ML of one event version from the Wood-Anderson amplitudes the associator
 * keeps per station.
 *
 * <p>For each station with a pick in the event: the window runs from its P pick (or the predicted P
 * when it has only an S pick) to the predicted S plus {@code max(minWindowSeconds, windowFactor ×
 * (S − P))}. A horizontal channel's amplitude is the largest block peak whose time lies in the
 * window; the station's is the mean of its horizontals' MLs (or the larger amplitude, {@code
 * magnitude.horizontals=max}). A station with a clipped block of a horizontal channel overlapping
 * the window is left out. Only blocks that end by {@code boundNanos} count: the associator passes a
 * data time every station has already passed (the pick being processed, or when the event became
 * Final its last pick + the final quiet time), so the result does not depend on how far the
 * amplitude stream happened to have run when the version was made.
 *
 * <p>Event magnitude: median of the station MLs, spread 1.4826 × their median absolute deviation.
 * It is unreliable (with the reasons) when fewer than {@code minStations} stations are used, when
 * stations were left out for clipping, or when some station's window ends after {@code boundNanos}
 * (the value may still grow). When every measured station is clipped the median of their MLs is
 * still given, unreliable, with a station count of 0, for information only: a clipped amplitude is
 * not even a bound (flat tops lower it, but removing the instrument from a saturated record can
 * also inflate it; on the bundled Mw 5.3 demo the clipped MLs come out near 5.8).
 */
public final class LocalMagnitude {
  public static final String TYPE = "ML";
  static final String CLIPPED = "clipped";

  private final MagnitudeSettings settings;

  public LocalMagnitude(MagnitudeSettings settings) {
    this.settings = settings;
  }

  /** Predicted travel time of a phase to a station, seconds (NaN when none). */
  @FunctionalInterface
  public interface TravelTime {
    double seconds(Phase phase, Station station);
  }

  /** The event hypocentre the magnitude is computed for. */
  public record Hypocentre(double latitude, double longitude, double depthKm, long originNanos) {}

  /**
   * The magnitude, or null when no station has an amplitude in its window (or magnitudes are
   * disabled).
   */
  public Magnitude compute(
      Hypocentre h,
      List<Pick> picks,
      Function<String, Station> stations,
      Function<String, List<AmplitudeSummary>> amplitudes,
      TravelTime travelTime,
      long boundNanos) {
    if (!settings.enabled()) {
      return null;
    }
    Map<String, Long> pTimes = pTimes(picks);
    List<StationMagnitude> all = new ArrayList<>();
    List<Double> used = new ArrayList<>();
    List<Double> clipped = new ArrayList<>();
    List<String> clippedNames = new ArrayList<>();
    int open = 0;
    for (var entry : pTimes.entrySet()) {
      Station st = stations.apply(entry.getKey());
      List<AmplitudeSummary> blocks = amplitudes.apply(entry.getKey());
      if (st == null || blocks == null || blocks.isEmpty()) {
        continue;
      }
      Measured m = measure(h, st, entry.getValue(), blocks, travelTime, boundNanos);
      if (m == null) {
        continue;
      }
      open += m.open ? 1 : 0;
      if (m.clipped) {
        clippedNames.add(st.key());
      }
      if (m.ml != null) {
        (m.clipped ? clipped : used).add(m.ml);
      }
      all.add(stationMagnitude(st, m));
    }
    boolean lowerBound = used.isEmpty();
    List<Double> values = lowerBound ? clipped : used;
    if (values.isEmpty()) {
      return null;
    }
    double median = median(values);
    List<String> reasons = reasons(lowerBound, used.size(), clipped.size(), clippedNames, open);
    return new Magnitude(
        round(median, 100),
        TYPE,
        lowerBound ? 0 : values.size(),
        values.size() < 2 ? null : round(1.4826 * mad(values, median), 100),
        reasons.isEmpty(),
        reasons.isEmpty() ? null : String.join("; ", reasons),
        all);
  }

  /** Earliest P pick time per station with a pick; {@link Long#MAX_VALUE} when it has only S. */
  private static Map<String, Long> pTimes(List<Pick> picks) {
    Map<String, Long> pTimes = new TreeMap<>();
    for (Pick p : picks) {
      long t = DataTime.toNanos(p.time());
      if (p.phase() == Phase.P) {
        pTimes.merge(p.stationKey(), t, Math::min);
      } else {
        pTimes.putIfAbsent(p.stationKey(), Long.MAX_VALUE);
      }
    }
    return pTimes;
  }

  private List<String> reasons(
      boolean lowerBound, int used, int clipped, List<String> clippedNames, int open) {
    List<String> reasons = new ArrayList<>();
    if (lowerBound) {
      reasons.add(
          "all "
              + clipped
              + " measured stations are clipped ("
              + String.join(", ", clippedNames)
              + "): the value comes from clipped amplitudes and is not valid");
    } else {
      if (used < settings.minStations()) {
        reasons.add("only " + used + " station(s), fewer than " + settings.minStations());
      }
      if (!clippedNames.isEmpty()) {
        reasons.add(
            clippedNames.size()
                + " station(s) left out as clipped ("
                + String.join(", ", clippedNames)
                + ")");
      }
    }
    if (open > 0) {
      reasons.add("amplitude window still open at " + open + " station(s)");
    }
    return reasons;
  }

  private static StationMagnitude stationMagnitude(Station st, Measured m) {
    String reason = null;
    if (m.clipped) {
      reason = CLIPPED;
    } else if (m.ml == null) {
      reason = "no amplitude in window";
    }
    return new StationMagnitude(
        st.key(),
        m.amplitude,
        round(m.distanceKm, 1000),
        m.ml == null ? null : round(m.ml, 1000),
        !m.clipped && m.ml != null,
        reason);
  }

  private record Measured(
      double distanceKm, Double amplitude, Double ml, boolean clipped, boolean open) {}

  private Measured measure(
      Hypocentre h,
      Station st,
      long pPick,
      List<AmplitudeSummary> blocks,
      TravelTime travelTime,
      long boundNanos) {
    double tp = travelTime.seconds(Phase.P, st);
    double ts = travelTime.seconds(Phase.S, st);
    if (Double.isNaN(ts) || (pPick == Long.MAX_VALUE && Double.isNaN(tp))) {
      return null;
    }
    long p = pPick == Long.MAX_VALUE ? h.originNanos() + DataTime.seconds(tp) : pPick;
    long s = h.originNanos() + DataTime.seconds(ts);
    double sp = Math.max(0, (s - p) / 1e9);
    long end =
        s + DataTime.seconds(Math.max(settings.minWindowSeconds(), settings.windowFactor() * sp));
    Map<String, Double> peaks = new TreeMap<>();
    boolean clipped = false;
    for (AmplitudeSummary b : blocks) {
      if (b.endNanos() > boundNanos || !b.overlaps(p, end)) {
        continue;
      }
      clipped |= b.clipped();
      if (b.peakMm() > 0 && b.peakNanos() >= p && b.peakNanos() <= end) {
        peaks.merge(b.channel(), b.peakMm(), Math::max);
      } else {
        peaks.putIfAbsent(b.channel(), 0.0);
      }
    }
    double epi = Geo.distanceKm(h.latitude(), h.longitude(), st.latitude(), st.longitude());
    double r = Math.hypot(epi, h.depthKm() + st.elevation() / 1000.0);
    List<Double> positive = peaks.values().stream().filter(v -> v > 0).toList();
    if (positive.isEmpty()) {
      return clipped ? new Measured(r, null, null, true, end > boundNanos) : null;
    }
    double amplitude;
    double ml;
    if (MagnitudeSettings.MAX.equals(settings.combine())) {
      amplitude = positive.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
      ml = settings.ml(amplitude, r);
    } else {
      double logMean = positive.stream().mapToDouble(Math::log10).average().orElseThrow();
      amplitude = Math.pow(10, logMean);
      ml = settings.ml(amplitude, r);
    }
    return new Measured(r, amplitude, ml, clipped, end > boundNanos);
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static double mad(List<Double> values, double median) {
    List<Double> dev = new ArrayList<>();
    for (double v : values) {
      dev.add(Math.abs(v - median));
    }
    return median(dev);
  }

  private static double round(double v, double scale) {
    return Math.round(v * scale) / scale;
  }
}
