package org.seiswatch.detector.associator;

/** How well one grid node explains the picks: consistent picks, their RMS, the origin time. */
final class Fit {
  final double lat;
  final double lon;
  final double depth;
  final int count;
  final double rms;
  final double origin;
  final int[] chosen;

  Fit(double lat, double lon, double depth, int[] chosen, double origin, double rms) {
    this.lat = lat;
    this.lon = lon;
    this.depth = depth;
    this.chosen = chosen;
    this.count = chosen.length;
    this.origin = origin;
    this.rms = rms;
  }

  boolean betterThan(Fit other) {
    return count > other.count || (count == other.count && rms < other.rms);
  }
}
