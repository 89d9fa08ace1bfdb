package org.seiswatch.detector.associator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.model.DetectionType;
import org.seiswatch.common.model.Pick;
import org.seiswatch.common.model.Station;
import org.seiswatch.detector.associator.AssociatorState.EventState;
import org.seiswatch.detector.internal.DataTime;

/**
 * Splits picks between a new event and the recent events it overlaps in time: a pick of an older
 * event moves to the new one when it fits the new hypocentre within the tolerance and better than
 * its own, in a free station-phase slot (two sources a few seconds apart must not share picks just
 * because the first one was declared first). The events that gave picks are relocated (Update); one
 * left below the minimum stations or picks is retracted (Retract) and its remaining picks return to
 * the pool.
 */
final class Splitter {
  private Splitter() {}

  static List<Detection> split(
      Associator a, AssociatorState s, EventState fresh, Function<String, Station> stations) {
    Locator locator = a.locator();
    double tol = locator.settings().residualTolerance();
    long window = DataTime.seconds(a.settings().pickWindowSeconds());
    List<Detection> out = new ArrayList<>();
    List<Observation> gained = Associator.observations(fresh.picks, stations);
    boolean freshChanged = false;
    for (EventState e : new ArrayList<>(s.events)) {
      if (e == fresh || e.finalized || Math.abs(e.originNanos - fresh.originNanos) > window) {
        continue;
      }
      List<Observation> kept = new ArrayList<>();
      boolean changed = false;
      for (Observation o : Associator.observations(e.picks, stations)) {
        double own = Math.abs(residual(locator, e, o));
        double there = Math.abs(residual(locator, fresh, o));
        Observation holder =
            gained.stream().filter(g -> g.slot().equals(o.slot())).findFirst().orElse(null);
        if (holder == null) {
          if (there <= tol && there < own) {
            gained.add(o);
            changed = true;
            continue;
          }
        } else if (there <= tol) {
          // Both events hold a pick of this station and phase: exchange them if that fits better.
          double holderHere = Math.abs(residual(locator, fresh, holder));
          double holderThere = Math.abs(residual(locator, e, holder));
          if (holderThere <= tol && there + holderThere < own + holderHere) {
            gained.remove(holder);
            gained.add(o);
            kept.add(holder);
            changed = true;
            continue;
          }
        }
        kept.add(o);
      }
      if (!changed) {
        continue;
      }
      freshChanged = true;
      Solution rest = locator.relocate(kept, e.latitude, e.longitude, e.depthKm, e.originNanos);
      List<Pick> moved = new ArrayList<>(e.picks);
      kept.forEach(o -> moved.remove(o.pick()));
      e.picks.removeAll(moved);
      if (rest.stations() < a.settings().minStations() || rest.picks() < a.minPicks()) {
        s.events.remove(e);
        e.version++;
        out.add(a.detection(e, DetectionType.RETRACT, stations));
        kept.forEach(o -> s.pool.add(o.pick()));
        s.pool.sort(AssociatorState.PICK_ORDER);
      } else {
        a.adopt(s, e, rest);
        e.version++;
        out.add(a.detection(e, DetectionType.UPDATE, stations));
      }
    }
    if (freshChanged) {
      fresh.picks.clear();
      gained.forEach(o -> fresh.picks.add(o.pick()));
      a.adopt(
          s,
          fresh,
          locator.relocate(
              gained, fresh.latitude, fresh.longitude, fresh.depthKm, fresh.originNanos));
    }
    return out;
  }

  private static double residual(Locator locator, EventState e, Observation o) {
    return locator.residual(e.latitude, e.longitude, e.depthKm, e.originNanos, o);
  }
}
