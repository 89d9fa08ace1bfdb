package org.seiswatch.alerts.subscription;

import java.util.List;
import org.seiswatch.common.geo.Geo;

/** Where a subscriber's events must be: a circle around a point, or a polygon. */
public sealed interface Region permits Region.Circle, Region.Polygon {
  /** True if the epicentre is inside. */
  boolean contains(double latitude, double longitude);

  /** A circle of {@code radiusKm} (great-circle distance) around a point. */
  record Circle(double latitude, double longitude, double radiusKm) implements Region {
    public Circle {
      if (!(Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180)) {
        throw new IllegalArgumentException("circle centre " + latitude + ", " + longitude);
      }
      if (!(radiusKm > 0 && radiusKm <= MAX_RADIUS_KM)) {
        throw new IllegalArgumentException("circle radiusKm " + radiusKm);
      }
    }

    @Override
    public boolean contains(double lat, double lon) {
      return Geo.distanceKm(latitude, longitude, lat, lon) <= radiusKm;
    }
  }

  /**
   * A polygon with vertices as GeoJSON {@code [longitude, latitude]} pairs, closed implicitly;
   * tested in the plane of longitude and latitude (even-odd rule), so it must not cross the
   * antimeridian.
   */
  record Polygon(List<Point> vertices) implements Region {
    public Polygon {
      vertices = List.copyOf(vertices);
      if (vertices.size() < 3) {
        throw new IllegalArgumentException("polygon with " + vertices.size() + " vertices < 3");
      }
    }

    @Override
    public boolean contains(double lat, double lon) {
      boolean inside = false;
      for (int i = 0, j = vertices.size() - 1; i < vertices.size(); j = i++) {
        Point a = vertices.get(i);
        Point b = vertices.get(j);
        if ((a.latitude() > lat) != (b.latitude() > lat)
            && lon
                < (b.longitude() - a.longitude())
                        * (lat - a.latitude())
                        / (b.latitude() - a.latitude())
                    + a.longitude()) {
          inside = !inside;
        }
      }
      return inside;
    }
  }

  /** A polygon vertex in degrees. */
  record Point(double longitude, double latitude) {
    public Point {
      if (!(Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180)) {
        throw new IllegalArgumentException("point " + longitude + ", " + latitude);
      }
    }
  }

  /** Half the Earth's circumference: a circle this large covers everything. */
  double MAX_RADIUS_KM = Math.PI * Geo.EARTH_RADIUS_KM;
}
