package org.seiswatch.detector.associator;

import java.util.function.Supplier;
import org.seiswatch.detector.DetectorConfig;
import org.seiswatch.detector.traveltime.TravelTimeTable;

/**
 * The {@link TravelTimes} a detector configuration names ({@code associator.traveltime.model}),
 * loaded once on first use and shared by all associator tasks: a TauP table (from the cache
 * directory, or built and cached) or the layered model.
 */
public final class TravelTimesSource {
  private TravelTimesSource() {}

  /** A thread-safe memoizing supplier; nothing is read or built until the first {@code get()}. */
  public static Supplier<TravelTimes> lazy(DetectorConfig config) {
    return new Supplier<>() {
      private TravelTimes loaded;

      @Override
      public synchronized TravelTimes get() {
        if (loaded == null) {
          loaded = load(config);
        }
        return loaded;
      }
    };
  }

  public static TravelTimes load(DetectorConfig config) {
    String model = config.travelTimeModel();
    if (DetectorConfig.LAYERED.equals(model)) {
      LocatorSettings ls = config.locatorSettings();
      return new LayeredTravelTimes(
          config.velocityModel(),
          config.vpVs(),
          ls.maxDistanceKm(),
          ls.minDepthKm(),
          ls.maxDepthKm());
    }
    return new TauPTravelTimes(
        TravelTimeTable.load(model, config.tableGrid(), config.travelTimeCacheDir()));
  }
}
