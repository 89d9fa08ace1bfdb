package org.seiswatch.detector.associator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Gathers, for a located event, the picks consistent with it: one per station and phase. */
final class Consistent {
  private Consistent() {}

  /**
   * {@code solution}'s inliers plus every pick of {@code candidates} within the residual tolerance
   * of it in a free slot (the one nearest prediction wins), relocated together.
   */
  static Solution extend(Locator locator, Solution solution, List<Observation> candidates) {
    double tol = locator.settings().residualTolerance();
    Map<String, Observation> bySlot = new LinkedHashMap<>();
    Map<String, Double> residual = new LinkedHashMap<>();
    for (Observation o : solution.inliers()) {
      bySlot.put(o.slot(), o);
      residual.put(o.slot(), 0.0);
    }
    for (Observation c : candidates) {
      double r =
          Math.abs(
              locator.residual(
                  solution.latitude(),
                  solution.longitude(),
                  solution.depthKm(),
                  solution.originNanos(),
                  c));
      if (!(r <= tol)) {
        continue;
      }
      Double held = residual.get(c.slot());
      if (held == null || (r < held && !solution.inliers().contains(bySlot.get(c.slot())))) {
        bySlot.put(c.slot(), c);
        residual.put(c.slot(), r);
      }
    }
    if (bySlot.size() == solution.picks()) {
      return solution;
    }
    return locator.relocate(
        new ArrayList<>(bySlot.values()),
        solution.latitude(),
        solution.longitude(),
        solution.depthKm(),
        solution.originNanos());
  }
}
