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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groups P picks into events. Picks are buffered and processed strictly in (time, id) order once
 * the associator's data time has passed them (see {@link #release}), so the result does not depend
 * on the order in which picks arrive. A released pick joins the event it fits best if the event
 * relocated with it keeps every pick within the residual tolerance (an Update, version + 1);
 * otherwise, unless its station has a P in an event just before it (S waves and coda), it goes to
 * the pool of free picks, and a grid search over the pool's recent picks declares a New event when
 * at least the minimum number of stations fit one hypocentre.
 */
public final class Associator {
  public static final String DETECTOR = "seiswatch";
  private static final Logger LOG = LoggerFactory.getLogger(Associator.class);
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  private final AssociatorSettings settings;
  private final Locator locator;

  public Associator(AssociatorSettings settings, Locator locator) {
    this.settings = settings;
    this.locator = locator;
  }

  /** Buffers a pick or records a station's progress. */
  public void add(AssociatorState s, AssociatorInput input) {
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
    List<Detection> out = new ArrayList<>();
    if (dataTime == DataTime.NONE) {
      return out;
    }
    long limit =
        dataTime == Long.MAX_VALUE
            ? Long.MAX_VALUE
            : dataTime - DataTime.seconds(settings.releaseLatenessSeconds());
    while (!s.pending.isEmpty() && DataTime.toNanos(s.pending.get(0).time()) <= limit) {
      Pick pick = s.pending.remove(0);
      long t = DataTime.toNanos(pick.time());
      s.releasedUpTo = s.releasedUpTo == DataTime.NONE ? t : Math.max(s.releasedUpTo, t);
      process(s, pick, stations).ifPresent(out::add);
    }
    prune(s);
    return out;
  }

  private Optional<Detection> process(
      AssociatorState s, Pick pick, Function<String, Station> stations) {
    if (pick.phase() != Phase.P) {
      return Optional.empty();
    }
    Station station = stations.apply(pick.stationKey());
    if (station == null) {
      LOG.warn("pick {} skipped: station {} has no metadata", pick.id(), pick.stationKey());
      return Optional.empty();
    }
    Observation observation = new Observation(pick, station);
    Optional<Detection> update = associate(s, observation, stations);
    if (update.isPresent()) {
      return update;
    }
    if (recentlyAssociated(s, pick)) {
      LOG.debug("pick {} not used for nucleation: its station has a P just before", pick.id());
      return Optional.empty();
    }
    s.pool.add(pick);
    s.pool.sort(AssociatorState.PICK_ORDER);
    return nucleate(s, pick, stations);
  }

  private Optional<Detection> associate(
      AssociatorState s, Observation o, Function<String, Station> stations) {
    long t = o.timeNanos();
    List<EventState> candidates = new ArrayList<>();
    List<Double> misfits = new ArrayList<>();
    for (EventState e : s.events) {
      if (e.hasStation(o.stationKey())
          || t < e.originNanos
          || t - e.originNanos > DataTime.seconds(settings.pickWindowSeconds())) {
        continue;
      }
      double tt = locator.travelTime(e.latitude, e.longitude, e.depthKm, o);
      double residual = (t - e.originNanos) / 1e9 - tt;
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
      Optional<Solution> solution = locator.locate(all);
      if (solution.isPresent() && solution.get().stations() == all.size()) {
        e.picks.add(o.pick());
        e.picks.sort(AssociatorState.PICK_ORDER);
        apply(e, solution.get());
        e.version++;
        return Optional.of(detection(e, DetectionType.UPDATE, stations));
      }
    }
    return Optional.empty();
  }

  private boolean recentlyAssociated(AssociatorState s, Pick pick) {
    long t = DataTime.toNanos(pick.time());
    long quiet = DataTime.seconds(settings.stationQuietSeconds());
    for (EventState e : s.events) {
      for (Pick p : e.picks) {
        long tp = DataTime.toNanos(p.time());
        if (p.stationKey().equals(pick.stationKey()) && tp <= t && t - tp <= quiet) {
          return true;
        }
      }
    }
    return false;
  }

  private Optional<Detection> nucleate(
      AssociatorState s, Pick newest, Function<String, Station> stations) {
    long t = DataTime.toNanos(newest.time());
    long window = DataTime.seconds(settings.pickWindowSeconds());
    List<Pick> recent =
        s.pool.stream()
            .filter(
                p -> DataTime.toNanos(p.time()) <= t && t - DataTime.toNanos(p.time()) <= window)
            .toList();
    if (recent.stream().map(Pick::stationKey).distinct().count() < settings.minStations()) {
      return Optional.empty();
    }
    Optional<Solution> found = locator.locate(observations(recent, stations));
    if (found.isEmpty() || found.get().stations() < settings.minStations()) {
      return Optional.empty();
    }
    Solution solution = found.get();
    EventState e = new EventState();
    e.id = eventId(solution.originNanos());
    e.version = 1;
    for (Observation o : solution.inliers()) {
      e.picks.add(o.pick());
      s.pool.remove(o.pick());
    }
    e.picks.sort(AssociatorState.PICK_ORDER);
    apply(e, solution);
    s.events.add(e);
    LOG.info("new event {} from {} stations", e.id, e.picks.size());
    return Optional.of(detection(e, DetectionType.NEW, stations));
  }

  private static void apply(EventState e, Solution solution) {
    e.latitude = solution.latitude();
    e.longitude = solution.longitude();
    e.depthKm = solution.depthKm();
    e.originNanos = solution.originNanos();
    e.rms = solution.rms();
    e.horizontalErrorKm = solution.horizontalErrorKm();
    e.depthErrorKm = solution.depthErrorKm();
  }

  /** {@code sw} + origin time to the tenth of a second: stable, readable, from the data only. */
  static String eventId(long originNanos) {
    var origin = DataTime.toInstant(originNanos);
    return "sw" + ID_TIME.format(origin) + (origin.getNano() / 100_000_000);
  }

  private static List<Observation> observations(
      List<Pick> picks, Function<String, Station> stations) {
    List<Observation> out = new ArrayList<>();
    for (Pick p : picks) {
      Station station = stations.apply(p.stationKey());
      if (station != null) {
        out.add(new Observation(p, station));
      }
    }
    return out;
  }

  private Detection detection(
      EventState e, DetectionType type, Function<String, Station> stations) {
    return EventMessage.of(e, type, locator, stations);
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
    long poolLimit = s.releasedUpTo - DataTime.seconds(settings.pickWindowSeconds());
    s.pool.removeIf(p -> DataTime.toNanos(p.time()) < poolLimit);
    long eventLimit = poolLimit - DataTime.seconds(settings.stationQuietSeconds());
    s.events.removeIf(e -> DataTime.toNanos(e.picks.get(e.picks.size() - 1).time()) < eventLimit);
  }

  static AssociationInfo info(EventState e, Observation o, Locator locator) {
    Station st = o.station();
    double distance = Geo.distanceDegrees(e.latitude, e.longitude, st.latitude(), st.longitude());
    double azimuth = Geo.azimuth(e.latitude, e.longitude, st.latitude(), st.longitude());
    double tt = locator.travelTime(e.latitude, e.longitude, e.depthKm, o);
    double residual = (o.timeNanos() - e.originNanos) / 1e9 - tt;
    return new AssociationInfo(Phase.P, distance, azimuth, residual, null);
  }

  static Hypocenter hypocenter(EventState e) {
    Double h = Double.isNaN(e.horizontalErrorKm) ? null : e.horizontalErrorKm;
    Double z = Double.isNaN(e.depthErrorKm) ? null : e.depthErrorKm;
    return new Hypocenter(
        e.latitude, e.longitude, e.depthKm, DataTime.toInstant(e.originNanos), h, h, z, null);
  }

  static Source source() {
    return Source.seiswatch("detector");
  }
}
