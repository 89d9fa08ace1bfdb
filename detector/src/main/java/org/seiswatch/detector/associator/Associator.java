package org.seiswatch.detector.associator;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.seiswatch.common.geo.Geo;
import org.seiswatch.common.model.AssociationInfo;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.model.DetectionType;
import org.seiswatch.common.model.Hypocenter;
import org.seiswatch.common.model.Phase;
import org.seiswatch.common.model.Pick;
import org.seiswatch.common.model.Source;
import org.seiswatch.common.model.Station;
import org.seiswatch.detector.associator.AssociatorState.EventState;
import org.seiswatch.detector.internal.DataTime;
import org.seiswatch.detector.magnitude.AmplitudeSummary;
import org.seiswatch.detector.magnitude.LocalMagnitude;
import org.seiswatch.detector.magnitude.MagnitudeSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groups P and S picks into events. Picks are buffered and processed strictly in (time, id) order
 * once the associator's data time has passed them (see {@link #release}), so the result does not
 * depend on the order in which picks arrive. A released pick joins the event it fits best (a free
 * station-phase slot, residual within the association window at the current hypocentre) if the
 * event relocated with it keeps it and every earlier pick within the residual tolerance (an Update,
 * version + 1). Otherwise it goes to the pool of free picks and, unless its station has a P in an
 * event just before it (S waves and coda of a picker that does not label S), anchors a search for a
 * new event among the free picks ({@link Nucleator}). A pick belongs to at most one event: picks of
 * an event leave the pool.
 *
 * <p>Amplitude inputs (Wood-Anderson block summaries) are kept per station by the processor for
 * about one pick window ({@link #amplitudesNeededFrom}), and every event version carries the local
 * magnitude ({@link LocalMagnitude}) from the amplitudes that end by a data time all stations have
 * passed: the pick being processed, or, for the Final version, the event's last pick plus the final
 * quiet time.
 */
public final class Associator {
  public static final String DETECTOR = "seiswatch";
  private static final Logger LOG = LoggerFactory.getLogger(Associator.class);
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  private static final int GRID_RELOCATE_MAX_PICKS = 7;
  private static final double GRID_RELOCATE_KM = 30;

  private final AssociatorSettings settings;
  private final Locator locator;
  private final Nucleator nucleator;
  private final int minPicks;
  private final LocalMagnitude magnitude;
  // The amplitudes of the region being released and the data time up to which they count for the
  // version being made; set in release() (one thread per associator).
  private Function<String, List<AmplitudeSummary>> amplitudes = station -> null;
  private long amplitudeBound = DataTime.NONE;

  public Associator(AssociatorSettings settings, NucleationSettings nucleation, Locator locator) {
    this(settings, nucleation, locator, MagnitudeSettings.DEFAULTS);
  }

  public Associator(
      AssociatorSettings settings,
      NucleationSettings nucleation,
      Locator locator,
      MagnitudeSettings magnitude) {
    this.magnitude = new LocalMagnitude(magnitude);
    this.settings = settings;
    this.locator = locator;
    this.nucleator = new Nucleator(locator, settings.minStations(), nucleation);
    this.minPicks = nucleation.minPicks();
  }

  /** Buffers a pick or records a station's progress (amplitudes are ignored here). */
  public void add(AssociatorState s, AssociatorInput input) {
    if (input.isAmplitude()) {
      return; // kept by the processor in its amplitude store, see release(.., amplitudes)
    }
    if (!input.isPick()) {
      s.settled.merge(input.station(), input.settledNanos(), Math::max);
      return;
    }
    Pick pick = input.pick();
    if (known(s, pick.id())) {
      return;
    }
    if (s.releasedUpTo != DataTime.NONE && DataTime.toNanos(pick.time()) < s.releasedUpTo) {
      LOG.info("pick {} arrived after later picks were associated; processing it late", pick.id());
    }
    int at = 0;
    while (at < s.pending.size()
        && AssociatorState.PICK_ORDER.compare(s.pending.get(at), pick) < 0) {
      at++;
    }
    s.pending.add(at, pick);
  }

  /**
   * Processes, in time order, every buffered pick at least the release lateness older than {@code
   * dataTime} ({@link Long#MAX_VALUE}: all of them), and returns the event versions made.
   */
  public List<Detection> release(
      AssociatorState s, long dataTime, Function<String, Station> stations) {
    return release(s, dataTime, stations, station -> null);
  }

  /**
   * {@link #release(AssociatorState, long, Function)} with each station's recent amplitudes (null
   * when none), for the magnitude of the versions made.
   */
  public List<Detection> release(
      AssociatorState s,
      long dataTime,
      Function<String, Station> stations,
      Function<String, List<AmplitudeSummary>> amplitudes) {
    List<Detection> out = new ArrayList<>();
    if (dataTime == DataTime.NONE) {
      return out;
    }
    this.amplitudes = amplitudes;
    long limit =
        dataTime == Long.MAX_VALUE
            ? Long.MAX_VALUE
            : dataTime - DataTime.seconds(settings.releaseLatenessSeconds());
    while (!s.pending.isEmpty() && DataTime.toNanos(s.pending.get(0).time()) <= limit) {
      Pick pick = s.pending.remove(0);
      long t = DataTime.toNanos(pick.time());
      boolean late = s.releasedUpTo != DataTime.NONE && t < s.releasedUpTo;
      if (late && s.releasedUpTo - t > DataTime.seconds(settings.maxLatenessSeconds())) {
        LOG.warn(
            "pick {} dropped: {} s behind the newest processed pick, more than the {} s allowed",
            pick.id(),
            (s.releasedUpTo - t) / 1e9,
            settings.maxLatenessSeconds());
        continue;
      }
      s.releasedUpTo = s.releasedUpTo == DataTime.NONE ? t : Math.max(s.releasedUpTo, t);
      // Final before the pick that passes the quiet time is processed, so whatever the release
      // batches, the same picks are in an event when it becomes final.
      out.addAll(finalize(s, t, stations));
      amplitudeBound = t;
      out.addAll(process(s, pick, stations, late));
      prune(s);
    }
    long horizon = limit == Long.MAX_VALUE ? s.releasedUpTo : limit;
    if (horizon != DataTime.NONE) {
      out.addAll(finalize(s, horizon, stations));
    }
    return out;
  }

  /** Final versions of the events whose last pick is more than the final quiet time before now. */
  private List<Detection> finalize(
      AssociatorState s, long now, Function<String, Station> stations) {
    List<Detection> out = new ArrayList<>();
    long quiet = DataTime.seconds(settings.finalQuietSeconds());
    for (EventState e : s.events) {
      long last = DataTime.toNanos(e.picks.get(e.picks.size() - 1).time());
      if (!e.finalized && last < now - quiet) {
        e.finalized = true;
        e.version++;
        amplitudeBound = last + quiet;
        out.add(detection(e, DetectionType.FINAL, stations));
      }
    }
    return out;
  }

  private List<Detection> process(
      AssociatorState s, Pick pick, Function<String, Station> stations, boolean late) {
    Station station = stations.apply(pick.stationKey());
    if (station == null) {
      LOG.warn("pick {} skipped: station {} has no metadata", pick.id(), pick.stationKey());
      return List.of();
    }
    Observation observation = new Observation(pick, station);
    List<Detection> update = associate(s, observation, stations);
    if (!update.isEmpty()) {
      return update;
    }
    s.pool.add(pick);
    s.pool.sort(AssociatorState.PICK_ORDER);
    List<Detection> made =
        recentlyAssociated(s, pick) ? List.of() : nucleate(s, observation, stations);
    return made.isEmpty() && late ? nucleateAround(s, pick, stations) : made;
  }

  /**
   * A late pick cannot only look back: the picks after it were processed before it arrived, when it
   * was missing from their nucleation. So each unassociated pick within the pick window after it is
   * tried again as an anchor, in time order, now with the late pick among the picks before it.
   */
  private List<Detection> nucleateAround(
      AssociatorState s, Pick late, Function<String, Station> stations) {
    long t = DataTime.toNanos(late.time());
    long window = DataTime.seconds(settings.pickWindowSeconds());
    List<Pick> after =
        s.pool.stream()
            .filter(p -> p != late)
            .filter(
                p -> DataTime.toNanos(p.time()) >= t && DataTime.toNanos(p.time()) - t <= window)
            .toList();
    for (Pick anchor : after) {
      if (!s.pool.contains(anchor) || recentlyAssociated(s, anchor)) {
        continue;
      }
      Station station = stations.apply(anchor.stationKey());
      if (station == null) {
        continue;
      }
      List<Detection> made = nucleate(s, new Observation(anchor, station), stations);
      if (!made.isEmpty()) {
        return made;
      }
    }
    return List.of();
  }

  private List<Detection> associate(
      AssociatorState s, Observation o, Function<String, Station> stations) {
    long t = o.timeNanos();
    List<EventState> candidates = new ArrayList<>();
    List<Double> misfits = new ArrayList<>();
    for (EventState e : s.events) {
      if (e.finalized
          || e.hasSlot(o.slot())
          || t < e.originNanos
          || t - e.originNanos > DataTime.seconds(settings.pickWindowSeconds())) {
        continue;
      }
      double residual = locator.residual(e.latitude, e.longitude, e.depthKm, e.originNanos, o);
      if (Math.abs(residual) <= settings.associationWindowSeconds()) {
        candidates.add(e);
        misfits.add(Math.abs(residual));
      }
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparing(misfits::get));
    for (int i : order) {
      EventState e = candidates.get(i);
      List<Observation> all = observations(e.picks, stations);
      all.add(o);
      Solution solution = relocate(e, all);
      // The new pick may push out one earlier pick that no longer fits (back to the pool).
      if (solution.picks() >= all.size() - 1 && solution.inliers().contains(o)) {
        adopt(s, e, solution);
        e.version++;
        // A better constrained event may now claim picks an overlapping event took too early.
        List<Detection> out = new ArrayList<>(Splitter.split(this, s, e, stations));
        out.add(detection(e, DetectionType.UPDATE, stations));
        return out;
      }
    }
    return List.of();
  }

  /**
   * Few picks leave least squares prone to a local minimum from the first, poorly constrained
   * location, so small events are searched again on the grid around it; larger ones relocate by
   * least squares from where they are.
   */
  private Solution relocate(EventState e, List<Observation> all) {
    if (all.size() <= GRID_RELOCATE_MAX_PICKS) {
      Optional<Solution> searched =
          locator.locateNear(all, e.latitude, e.longitude, GRID_RELOCATE_KM);
      if (searched.isPresent() && searched.get().picks() == all.size()) {
        return searched.get();
      }
    }
    return locator.relocate(all, e.latitude, e.longitude, e.depthKm, e.originNanos);
  }

  private boolean recentlyAssociated(AssociatorState s, Pick pick) {
    long t = DataTime.toNanos(pick.time());
    long quiet = DataTime.seconds(settings.stationQuietSeconds());
    for (EventState e : s.events) {
      for (Pick p : e.picks) {
        long tp = DataTime.toNanos(p.time());
        if (p.phase() == Phase.P
            && p.stationKey().equals(pick.stationKey())
            && tp <= t
            && t - tp <= quiet) {
          return true;
        }
      }
    }
    return false;
  }

  private List<Detection> nucleate(
      AssociatorState s, Observation anchor, Function<String, Station> stations) {
    long t = anchor.timeNanos();
    long window = DataTime.seconds(settings.pickWindowSeconds());
    List<Pick> recent =
        s.pool.stream()
            .filter(p -> p != anchor.pick())
            .filter(
                p -> DataTime.toNanos(p.time()) <= t && t - DataTime.toNanos(p.time()) <= window)
            .toList();
    Optional<Solution> found = nucleator.nucleate(anchor, observations(recent, stations));
    if (found.isEmpty()) {
      return List.of();
    }
    Optional<Detection> merged = merge(s, found.get(), stations);
    if (merged.isPresent()) {
      return List.of(merged.get());
    }
    EventState e = new EventState();
    e.id = eventId(found.get().originNanos());
    e.version = 1;
    adopt(s, e, found.get());
    s.events.add(e);
    List<Detection> out = new ArrayList<>(Splitter.split(this, s, e, stations));
    LOG.info("new event {} from {} picks", e.id, e.picks.size());
    out.add(0, detection(e, DetectionType.NEW, stations));
    return out;
  }

  /**
   * A new solution that is the same source as a recent event (their picks together fit one
   * hypocentre: at most a tenth left out) joins it, rather than making a second event of it.
   */
  private Optional<Detection> merge(
      AssociatorState s, Solution found, Function<String, Station> stations) {
    long window = DataTime.seconds(settings.pickWindowSeconds());
    for (EventState e : s.events) {
      if (e.finalized || Math.abs(e.originNanos - found.originNanos()) > window) {
        continue;
      }
      List<Observation> union = observations(e.picks, stations);
      for (Observation o : found.inliers()) {
        if (!e.hasSlot(o.slot())) {
          union.add(o);
        }
      }
      Solution both = locator.relocate(union, e.latitude, e.longitude, e.depthKm, e.originNanos);
      if (both.picks() >= 0.9 * union.size() && both.picks() > e.picks.size()) {
        for (Observation o : found.inliers()) {
          s.pool.remove(o.pick());
        }
        adopt(s, e, both);
        e.version++;
        LOG.info("merged a new solution into event {} ({} picks)", e.id, e.picks.size());
        return Optional.of(detection(e, DetectionType.UPDATE, stations));
      }
    }
    return Optional.empty();
  }

  /** Makes the solution's inliers the event's picks; picks it no longer has return to the pool. */
  void adopt(AssociatorState s, EventState e, Solution solution) {
    List<Pick> now = new ArrayList<>();
    for (Observation o : solution.inliers()) {
      now.add(o.pick());
      s.pool.remove(o.pick());
    }
    for (Pick p : e.picks) {
      if (!now.contains(p)) {
        s.pool.add(p);
      }
    }
    s.pool.sort(AssociatorState.PICK_ORDER);
    e.picks.clear();
    e.picks.addAll(now);
    e.picks.sort(AssociatorState.PICK_ORDER);
    apply(e, solution);
  }

  Locator locator() {
    return locator;
  }

  AssociatorSettings settings() {
    return settings;
  }

  int minPicks() {
    return minPicks;
  }

  private static void apply(EventState e, Solution solution) {
    e.latitude = solution.latitude();
    e.longitude = solution.longitude();
    e.depthKm = solution.depthKm();
    e.originNanos = solution.originNanos();
    e.rms = solution.rms();
    e.horizontalErrorKm = solution.horizontalErrorKm();
    e.latitudeErrorKm = solution.latitudeErrorKm();
    e.longitudeErrorKm = solution.longitudeErrorKm();
    e.depthErrorKm = solution.depthErrorKm();
    e.timeErrorSeconds = solution.timeErrorSeconds();
  }

  /** {@code sw} + origin time to the tenth of a second: stable, readable, from the data only. */
  static String eventId(long originNanos) {
    var origin = DataTime.toInstant(originNanos);
    return "sw" + ID_TIME.format(origin) + (origin.getNano() / 100_000_000);
  }

  static List<Observation> observations(List<Pick> picks, Function<String, Station> stations) {
    List<Observation> out = new ArrayList<>();
    for (Pick p : picks) {
      Station station = stations.apply(p.stationKey());
      if (station != null) {
        out.add(new Observation(p, station));
      }
    }
    return out;
  }

  Detection detection(EventState e, DetectionType type, Function<String, Station> stations) {
    var m =
        type == DetectionType.RETRACT || e.picks.isEmpty()
            ? null
            : magnitude.compute(
                new LocalMagnitude.Hypocentre(e.latitude, e.longitude, e.depthKm, e.originNanos),
                e.picks,
                stations,
                amplitudes,
                (phase, st) -> travelTime(e, phase, st),
                amplitudeBound);
    return EventMessage.of(e, type, locator, stations, m);
  }

  private double travelTime(EventState e, Phase phase, Station st) {
    double km = Geo.distanceKm(e.latitude, e.longitude, st.latitude(), st.longitude());
    return locator.travelTimes().time(phase, km, e.depthKm, st.elevation() / 1000.0);
  }

  /**
   * Data time from which amplitudes may still be needed: one pick window before the oldest pick not
   * yet processed (or, with none, the associator's data time: the slowest station's progress),
   * since a new event's P picks lie within it, or earlier for the first pick of a non-final event.
   * {@link Long#MIN_VALUE} while nothing is known.
   */
  public long amplitudesNeededFrom(AssociatorState s) {
    long from = Long.MAX_VALUE;
    for (long settled : s.settled.values()) {
      from = Math.min(from, settled);
    }
    if (!s.pending.isEmpty()) {
      from = Math.min(from, DataTime.toNanos(s.pending.get(0).time()));
    }
    if (from == Long.MAX_VALUE) {
      return Long.MIN_VALUE;
    }
    from -= DataTime.seconds(settings.pickWindowSeconds());
    for (EventState e : s.events) {
      if (!e.finalized && !e.picks.isEmpty()) {
        from = Math.min(from, DataTime.toNanos(e.picks.get(0).time()));
      }
    }
    return from;
  }

  private boolean known(AssociatorState s, String id) {
    return s.pending.stream().anyMatch(p -> p.id().equals(id))
        || s.pool.stream().anyMatch(p -> p.id().equals(id))
        || s.events.stream().flatMap(e -> e.picks.stream()).anyMatch(p -> p.id().equals(id));
  }

  private void prune(AssociatorState s) {
    if (s.releasedUpTo == DataTime.NONE) {
      return;
    }
    long poolLimit =
        s.releasedUpTo
            - DataTime.seconds(settings.pickWindowSeconds() + settings.maxLatenessSeconds());
    s.pool.removeIf(p -> DataTime.toNanos(p.time()) < poolLimit);
    long eventLimit = poolLimit - DataTime.seconds(settings.stationQuietSeconds());
    s.events.removeIf(
        e -> e.finalized && DataTime.toNanos(e.picks.get(e.picks.size() - 1).time()) < eventLimit);
  }

  static AssociationInfo info(EventState e, Observation o, Locator locator) {
    Station st = o.station();
    double distance = Geo.distanceDegrees(e.latitude, e.longitude, st.latitude(), st.longitude());
    double azimuth = Geo.azimuth(e.latitude, e.longitude, st.latitude(), st.longitude());
    double residual = locator.residual(e.latitude, e.longitude, e.depthKm, e.originNanos, o);
    return new AssociationInfo(o.phase(), distance, azimuth, residual, null);
  }

  static Hypocenter hypocenter(EventState e) {
    return new Hypocenter(
        e.latitude,
        e.longitude,
        e.depthKm,
        DataTime.toInstant(e.originNanos),
        finite(e.latitudeErrorKm),
        finite(e.longitudeErrorKm),
        finite(e.depthErrorKm),
        finite(e.timeErrorSeconds));
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  static Source source() {
    return Source.seiswatch("detector");
  }
}
