package org.seiswatch.common.geo;

/** Great-circle distance and azimuth on a spherical Earth (radius 6371 km). */
public final class Geo {
  public static final double EARTH_RADIUS_KM = 6371.0;
  public static final double KM_PER_DEGREE = Math.PI * EARTH_RADIUS_KM / 180;

  private Geo() {}

  /** Central angle in degrees (haversine). */
  public static double distanceDegrees(double lat1, double lon1, double lat2, double lon2) {
    double p1 = Math.toRadians(lat1);
    double p2 = Math.toRadians(lat2);
    double dp = p2 - p1;
    double dl = Math.toRadians(lon2 - lon1);
    double a =
        Math.sin(dp / 2) * Math.sin(dp / 2)
            + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
    return Math.toDegrees(2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a)));
  }

  /** Great-circle distance in km. */
  public static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
    return distanceDegrees(lat1, lon1, lat2, lon2) * KM_PER_DEGREE;
  }

  /** Azimuth from point 1 to point 2, degrees clockwise from north in [0, 360). */
  public static double azimuth(double lat1, double lon1, double lat2, double lon2) {
    double p1 = Math.toRadians(lat1);
    double p2 = Math.toRadians(lat2);
    double dl = Math.toRadians(lon2 - lon1);
    double y = Math.sin(dl) * Math.cos(p2);
    double x = Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(dl);
    double az = Math.toDegrees(Math.atan2(y, x));
    return az < 0 ? az + 360 : az;
  }
}
