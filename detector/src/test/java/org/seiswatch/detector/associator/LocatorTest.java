package org.seiswatch.detector.associator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seiswatch.common.geo.Geo;
import org.seiswatch.common.model.Phase;
import org.seiswatch.common.model.Pick;
import org.seiswatch.common.model.Site;
import org.seiswatch.common.model.Station;
import org.seiswatch.detector.DemoRecords;
import org.seiswatch.detector.DetectorConfig;
import org.seiswatch.detector.internal.DataTime;

class LocatorTest {
  private static final VelocityModel MODEL =
      VelocityModel.parse(DetectorConfig.DEFAULT_VELOCITY_MODEL);
  private static final LocatorSettings SETTINGS = new LocatorSettings(1.0, 50, 4, 0, 60, 4, 300);
  private static final Instant ORIGIN = Instant.parse("2020-01-01T00:00:00Z");

  private static List<Observation> synthetic(
      Locator locator, double lat, double lon, double depth) {
    List<Observation> out = new ArrayList<>();
    for (Station s : DemoRecords.stations()) {
      Observation probe = new Observation(pick(s, ORIGIN), s);
      double tt = locator.travelTime(lat, lon, depth, probe);
      out.add(
          new Observation(
              pick(s, DataTime.toInstant(DataTime.toNanos(ORIGIN) + DataTime.seconds(tt))), s));
    }
    return out;
  }

  private static Pick pick(Station s, Instant time) {
    return pick(s, time, Phase.P);
  }

  private static Pick pick(Station s, Instant time, Phase phase) {
    return new Pick(
        s.key() + phase + time,
        new Site(s.station(), "HHZ", s.network(), ""),
        null,
        time,
        phase,
        "test",
        null,
        null,
        null);
  }

  @Test
  void shouldRecoverTheSourceWhenPicksAreComputedWithTheSameModel() {
    Locator locator = new Locator(new LayeredTravelTimes(MODEL, 1.75, 300, 0, 60), SETTINGS);
    List<Observation> observations = synthetic(locator, 19.60, -155.62, 9.0);

    Solution solution = locator.locate(observations).orElseThrow();

    assertEquals(6, solution.stations());
    assertThat(Geo.distanceKm(19.60, -155.62, solution.latitude(), solution.longitude()))
        .isLessThan(1.0);
    assertThat(Math.abs(solution.depthKm() - 9.0)).isLessThan(1.5);
    assertThat(Math.abs((solution.originNanos() - DataTime.toNanos(ORIGIN)) / 1e9)).isLessThan(0.1);
    assertThat(solution.rms()).isLessThan(0.05);
  }

  @Test
  void shouldLeaveOutAPickThatFitsNoCommonOriginWhenOneIsWildlyOff() {
    Locator locator = new Locator(new LayeredTravelTimes(MODEL, 1.75, 300, 0, 60), SETTINGS);
    List<Observation> observations = new ArrayList<>(synthetic(locator, 19.60, -155.62, 9.0));
    Observation last = observations.remove(observations.size() - 1);
    observations.add(
        new Observation(pick(last.station(), last.pick().time().plusSeconds(20)), last.station()));

    Solution solution = locator.locate(observations).orElseThrow();

    assertEquals(5, solution.stations());
    assertThat(solution.inliers()).doesNotContain(observations.get(5));
  }

  @Test
  void shouldReportErrorsThatCoverTheTruthWhenPandSPicksAreNoisy() {
    Locator locator = new Locator(new LayeredTravelTimes(MODEL, 1.75, 300, 0, 60), SETTINGS);
    java.util.Random random = new java.util.Random(5);
    List<Observation> observations = new ArrayList<>();
    for (Station s : DemoRecords.stations()) {
      for (Phase phase : Phase.values()) {
        Observation probe = new Observation(pick(s, ORIGIN, phase), s);
        double tt = locator.travelTime(19.60, -155.62, 9.0, probe);
        double noise = random.nextGaussian() * (phase == Phase.P ? 0.05 : 0.1);
        Instant t = DataTime.toInstant(DataTime.toNanos(ORIGIN) + DataTime.seconds(tt + noise));
        observations.add(new Observation(pick(s, t, phase), s));
      }
    }

    Solution solution = locator.locate(observations).orElseThrow();

    assertEquals(6, solution.count(Phase.P));
    assertEquals(6, solution.count(Phase.S));
    double northKm = (solution.latitude() - 19.60) * Geo.KM_PER_DEGREE;
    double eastKm =
        (solution.longitude() + 155.62) * Geo.KM_PER_DEGREE * Math.cos(Math.toRadians(19.6));
    double dt = (solution.originNanos() - DataTime.toNanos(ORIGIN)) / 1e9;
    assertThat(solution.latitudeErrorKm()).isBetween(0.01, 5.0);
    assertThat(solution.depthErrorKm()).isBetween(0.01, 10.0);
    assertThat(Math.abs(northKm)).isLessThan(3 * solution.latitudeErrorKm());
    assertThat(Math.abs(eastKm)).isLessThan(3 * solution.longitudeErrorKm());
    assertThat(Math.abs(solution.depthKm() - 9.0)).isLessThan(3 * solution.depthErrorKm());
    assertThat(Math.abs(dt)).isLessThan(3 * solution.timeErrorSeconds());
    assertThat(solution.horizontalErrorKm())
        .isGreaterThanOrEqualTo(
            Math.max(solution.latitudeErrorKm(), solution.longitudeErrorKm()) - 1e-9);
  }

  @Test
  void shouldArriveLaterAtAHigherStationWhenTheSourceIsTheSame() {
    Locator locator = new Locator(new LayeredTravelTimes(MODEL, 1.75, 300, 0, 60), SETTINGS);
    Station low = DemoRecords.stations().get(0);
    Station high =
        new Station(
            low.network(),
            low.station(),
            low.latitude(),
            low.longitude(),
            low.elevation() + 1000,
            low.channels());

    double tLow = locator.travelTime(19.6, -155.6, 10, new Observation(pick(low, ORIGIN), low));
    double tHigh = locator.travelTime(19.6, -155.6, 10, new Observation(pick(high, ORIGIN), high));

    assertThat(tHigh - tLow).isBetween(0.05, 1 / 3.6 + 1e-9);
  }

  @Test
  void shouldMatchStraightRaysWhenTheModelIsAHalfSpace() {
    VelocityModel uniform = VelocityModel.uniform(6.0);

    assertThat(uniform.travelTime(30, 10, -2))
        .isCloseTo(Math.hypot(30, 12) / 6.0, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void shouldArriveAsAHeadWaveWhenTheStationIsFarOverAFastLayer() {
    VelocityModel twoLayers = VelocityModel.parse("0:6.0,20:8.0");
    double direct = Math.hypot(200, 10) / 6.0;

    assertThat(twoLayers.travelTime(200, 10, 0)).isLessThan(direct);
  }
}
