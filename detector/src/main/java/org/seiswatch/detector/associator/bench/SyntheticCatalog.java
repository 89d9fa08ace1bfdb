package org.seiswatch.detector.associator.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.seiswatch.common.geo.Geo;
import org.seiswatch.common.model.Phase;
import org.seiswatch.common.model.Pick;
import org.seiswatch.common.model.Site;
import org.seiswatch.common.model.Station;
import org.seiswatch.detector.associator.TravelTimes;
import org.seiswatch.detector.internal.DataTime;

/**
 * A seeded synthetic network, catalog and pick set (issue 5): stations scattered over a square,
 * events at random times, places and depths under it, P and S picks from {@link TravelTimes} with
 * Gaussian noise, a fraction of picks missing and random false picks at random stations and times.
 * Picks are returned in time order with small local shuffles, as a real feed would deliver them.
 */
public final class SyntheticCatalog {
  public static final double CENTER_LAT = 36.0;
  public static final double CENTER_LON = -117.5;
  public static final Instant START = Instant.parse("2024-03-01T00:00:00Z");

  /** One true event. */
  public record Event(
      int index, double latitude, double longitude, double depthKm, long originNanos) {}

  /** A generated pick and the index of the event it came from (-1: false pick). */
  public record Labelled(Pick pick, int event) {}

  public final List<Station> stations = new ArrayList<>();
  public final Map<String, Station> byKey = new HashMap<>();
  public final List<Event> events = new ArrayList<>();
  public final List<Labelled> picks = new ArrayList<>();

  private final Map<String, Integer> sources = new HashMap<>();
  private final Random random;
  private final double sideKm;

  public SyntheticCatalog(long seed, int stationCount, double sideKm) {
    this.random = new Random(seed);
    this.sideKm = sideKm;
    // A jittered grid keeps coverage even, as a real network design would.
    int perSide = (int) Math.ceil(Math.sqrt(stationCount));
    double cell = sideKm / perSide;
    for (int i = 0; i < stationCount; i++) {
      double x = ((i % perSide) + 0.2 + 0.6 * random.nextDouble()) * cell;
      double y = ((i / perSide) + 0.2 + 0.6 * random.nextDouble()) * cell;
      double[] ll = latLon(x, y);
      String code = String.format(Locale.ROOT, "S%02d", i);
      Station st = new Station("SY", code, ll[0], ll[1], random.nextDouble() * 1500, List.of());
      stations.add(st);
      byKey.put(st.key(), st);
    }
  }

  /** Adds {@code count} events at uniformly random times over {@code hours} and places. */
  public SyntheticCatalog randomEvents(int count, double hours, double maxDepthKm) {
    for (int i = 0; i < count; i++) {
      double[] ll = latLon(random.nextDouble() * sideKm, random.nextDouble() * sideKm);
      long origin = DataTime.toNanos(START) + DataTime.seconds(random.nextDouble() * hours * 3600);
      events.add(new Event(events.size(), ll[0], ll[1], random.nextDouble() * maxDepthKm, origin));
    }
    events.sort(Comparator.comparingLong(Event::originNanos));
    List<Event> renumbered = new ArrayList<>();
    for (Event e : events) {
      renumbered.add(
          new Event(renumbered.size(), e.latitude(), e.longitude(), e.depthKm(), e.originNanos()));
    }
    events.clear();
    events.addAll(renumbered);
    return this;
  }

  /** Adds one event at a point given in km east and north of the square's corner. */
  public SyntheticCatalog event(double xKm, double yKm, double depthKm, long originNanos) {
    double[] ll = latLon(xKm, yKm);
    events.add(new Event(events.size(), ll[0], ll[1], depthKm, originNanos));
    return this;
  }

  /**
   * P and S picks of every event at every station within {@code maxDistanceKm}, noise sigma {@code
   * sigmaP}/{@code sigmaS} s, each missing with probability {@code missing}, plus {@code
   * falseRatio} times as many false picks (random phase) uniformly over the events' time span.
   */
  public SyntheticCatalog picks(
      TravelTimes times,
      double sigmaP,
      double sigmaS,
      double missing,
      double falseRatio,
      double maxDistanceKm) {
    int truePicks = 0;
    for (Event e : events) {
      for (Station st : stations) {
        double d = Geo.distanceKm(e.latitude(), e.longitude(), st.latitude(), st.longitude());
        if (d > maxDistanceKm) {
          continue;
        }
        for (Phase phase : Phase.values()) {
          double sigma = phase == Phase.P ? sigmaP : sigmaS;
          double tt = times.time(phase, d, e.depthKm(), st.elevation() / 1000.0);
          if (random.nextDouble() < missing || Double.isNaN(tt)) {
            continue;
          }
          long t = e.originNanos() + DataTime.seconds(tt + sigma * random.nextGaussian());
          picks.add(new Labelled(pick(st, phase, t), e.index()));
          truePicks++;
        }
      }
    }
    long from = events.stream().mapToLong(Event::originNanos).min().orElse(0);
    long to = events.stream().mapToLong(Event::originNanos).max().orElse(0) + DataTime.seconds(60);
    int falsePicks = (int) Math.round(falseRatio * truePicks);
    for (int i = 0; i < falsePicks; i++) {
      Station st = stations.get(random.nextInt(stations.size()));
      long t = from + (long) (random.nextDouble() * (to - from));
      picks.add(new Labelled(pick(st, random.nextBoolean() ? Phase.P : Phase.S, t), -1));
    }
    return this;
  }

  /** Event index a pick came from, -1 for a false pick. */
  public int source(String pickId) {
    if (sources.isEmpty()) {
      picks.forEach(l -> sources.put(l.pick().id(), l.event()));
    }
    return sources.getOrDefault(pickId, -2);
  }

  /** |predicted arrival from event a − from event b| of the pick's station and phase, seconds. */
  public double arrivalDifference(TravelTimes times, Pick pick, int a, int b) {
    Station st = byKey.get(pick.stationKey());
    double[] at = new double[2];
    int[] which = {a, b};
    for (int k = 0; k < 2; k++) {
      Event e = events.get(which[k]);
      double d = Geo.distanceKm(e.latitude(), e.longitude(), st.latitude(), st.longitude());
      at[k] =
          e.originNanos() / 1e9 + times.time(pick.phase(), d, e.depthKm(), st.elevation() / 1000.0);
    }
    return Math.abs(at[0] - at[1]);
  }

  /** All picks in time order, then each swapped with its successor with probability 0.3. */
  public List<Labelled> feed() {
    List<Labelled> out = new ArrayList<>(picks);
    out.sort(
        Comparator.comparing((Labelled l) -> l.pick().time()).thenComparing(l -> l.pick().id()));
    for (int i = 0; i + 1 < out.size(); i++) {
      if (random.nextDouble() < 0.3) {
        Collections.swap(out, i, i + 1);
        i++;
      }
    }
    return out;
  }

  private static Pick pick(Station st, Phase phase, long nanos) {
    Instant t = DataTime.toInstant(nanos);
    return new Pick(
        st.key() + "..HHZ." + phase + "." + t,
        new Site(st.station(), "HHZ", st.network(), ""),
        null,
        t,
        phase,
        "synthetic",
        null,
        null,
        null);
  }

  /** Corner of the square at the lower left; x east, y north, km. */
  private double[] latLon(double xKm, double yKm) {
    double lat0 = CENTER_LAT - sideKm / 2 / Geo.KM_PER_DEGREE;
    double lat = lat0 + yKm / Geo.KM_PER_DEGREE;
    double lon0 =
        CENTER_LON - sideKm / 2 / (Geo.KM_PER_DEGREE * Math.cos(Math.toRadians(CENTER_LAT)));
    double lon = lon0 + xKm / (Geo.KM_PER_DEGREE * Math.cos(Math.toRadians(CENTER_LAT)));
    return new double[] {lat, lon};
  }
}
