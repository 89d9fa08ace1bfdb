package org.seiswatch.alerts.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seiswatch.alerts.Detections.ORIGIN;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seiswatch.alerts.Detections;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.model.DetectionType;
import org.seiswatch.common.model.Magnitude;
import org.seiswatch.common.model.Source;

class PolicyTest {
  private static final Detection HAWAII =
      Detections.detection("sw1", 1, DetectionType.NEW, ORIGIN, 19.745, -155.79, 12.9, 6);
  private static final Region HAWAII_BOX =
      new Region.Polygon(
          List.of(
              new Region.Point(-156.2, 18.8),
              new Region.Point(-154.8, 18.8),
              new Region.Point(-154.8, 20.3),
              new Region.Point(-156.2, 20.3)));

  private static Policy policy(Region region, Double minMagnitude, Quality quality) {
    return new Policy(region, minMagnitude, quality, EnumSet.allOf(DetectionType.class));
  }

  @Test
  void shouldAcceptEventInsideCircleAndRejectOutsideWhenRegionIsCircle() {
    assertThat(policy(new Region.Circle(19.4, -155.3, 70), null, null).accepts(HAWAII)).isTrue();
    assertThat(policy(new Region.Circle(21.3, -157.8, 100), null, null).accepts(HAWAII)).isFalse();
  }

  @Test
  void shouldAcceptEventInsidePolygonAndRejectOutsideWhenRegionIsPolygon() {
    assertThat(policy(HAWAII_BOX, null, null).accepts(HAWAII)).isTrue();
    Detection chile = Detections.detection("sw2", 1, DetectionType.NEW, ORIGIN, -33, -71.6, 30, 6);
    assertThat(policy(HAWAII_BOX, null, null).accepts(chile)).isFalse();
  }

  @Test
  void shouldRejectVersionTypeNotListedWhenVersionsRestricted() {
    Policy finalOnly = new Policy(null, null, null, EnumSet.of(DetectionType.FINAL));

    assertThat(finalOnly.accepts(HAWAII)).isFalse();
  }

  @Test
  void shouldApplyQualityBoundsWhenQualityGiven() {
    assertThat(policy(null, null, new Quality(null, null, 6, null)).accepts(HAWAII)).isTrue();
    assertThat(policy(null, null, new Quality(null, null, 7, null)).accepts(HAWAII)).isFalse();
    // The fixture states no RMS: a bound on it cannot be met.
    assertThat(policy(null, null, new Quality(1.0, null, null, null)).accepts(HAWAII)).isFalse();
  }

  @Test
  void shouldRejectVersionWithoutMagnitudeWhenMinMagnitudeSet() {
    assertThat(policy(null, 0.0, null).accepts(HAWAII)).isFalse();
  }

  @Test
  void shouldCompareTheUsableMagnitudeWhenMinMagnitudeSet() {
    Detection m45 = withMagnitude(HAWAII, 4.5, 3);
    assertThat(policy(null, 4.0, null).accepts(m45)).isTrue();
    assertThat(policy(null, 5.0, null).accepts(m45)).isFalse();
    // A value from no station (all clipped) is for information only.
    assertThat(policy(null, 4.0, null).accepts(withMagnitude(HAWAII, 5.6, 0))).isFalse();
  }

  private static Detection withMagnitude(Detection d, double value, int stations) {
    return d.withMagnitude(
        new Magnitude(value, "ML", stations, null, stations >= 3, null, List.of()));
  }

  @Test
  void shouldAcceptRetractionWithoutHypocenterWhenRetractListed() {
    Detection retract =
        new Detection(
            "sw1",
            2,
            Source.seiswatch("t"),
            null,
            DetectionType.RETRACT,
            ORIGIN,
            null,
            null,
            null,
            null,
            List.of());

    assertThat(policy(HAWAII_BOX, null, new Quality(1.0, 90.0, 10, 1.0)).accepts(retract)).isTrue();
  }
}
