package org.seiswatch.detector.traveltime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import edu.sc.seis.TauP.Arrival;
import edu.sc.seis.TauP.SeismicPhase;
import edu.sc.seis.TauP.SeismicPhaseFactory;
import edu.sc.seis.TauP.TauModel;
import edu.sc.seis.TauP.TauModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seiswatch.common.model.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * States the interpolation error of the default regional table against TauP itself at random
 * off-grid points, and checks the on-disk cache.
 */
class TravelTimeTableTest {
  private static final Logger LOG = LoggerFactory.getLogger(TravelTimeTableTest.class);
  private static final TableGrid SMALL = new TableGrid(2, 0.05, 60);

  @TempDir Path cacheDir;

  @Test
  void shouldMatchTauPWithinStatedErrorWhenInterpolatingBetweenNodes() throws TauModelException {
    long start = System.nanoTime();
    TravelTimeTable table = TravelTimeTable.load("iasp91", TableGrid.REGIONAL, cacheDir);
    long buildMs = (System.nanoTime() - start) / 1_000_000;
    TauModel model = TauPBuilder.load("iasp91");
    Random random = new Random(42);
    double[] errors = new double[2];
    double[] crust = new double[2];
    List<Double> all = new ArrayList<>();
    double[] worstAt = new double[4];
    for (int k = 0; k < 120; k++) {
      // Half the depths in the crust, where the table bends most.
      double depth = k % 2 == 0 ? random.nextDouble() * 40 : random.nextDouble() * 700;
      TauModel corrected = model.depthCorrect(depth);
      for (Phase phase : Phase.values()) {
        List<SeismicPhase> phases = phases(corrected, depth, phase);
        for (int i = 0; i < 10; i++) {
          double distance = random.nextDouble() * 20;
          double expected = earliest(phases, distance);
          double error = Math.abs(table.time(phase, distance, depth) - expected);
          all.add(error);
          if (depth <= 40) {
            crust[phase.ordinal()] = Math.max(crust[phase.ordinal()], error);
          }
          if (error > errors[phase.ordinal()]) {
            errors[phase.ordinal()] = error;
            if (error >= Math.max(errors[0], errors[1])) {
              worstAt = new double[] {phase.ordinal(), distance, depth, expected};
            }
          }
        }
      }
    }
    all.sort(null);
    LOG.info(
        "RESULT travel-time table iasp91 {}: built or read in {} ms, {} KB; interpolation error vs"
            + " TauP at {} random points: max P {} s, max S {} s (depth <= 40 km: P {} s, S {} s),"
            + " median {} s, 99th pct {} s;"
            + " worst at phase {} {} deg {} km",
        TableGrid.REGIONAL,
        buildMs,
        table.sizeBytes() / 1024,
        all.size(),
        String.format("%.4f", errors[0]),
        String.format("%.4f", errors[1]),
        String.format("%.4f", crust[0]),
        String.format("%.4f", crust[1]),
        String.format("%.5f", all.get(all.size() / 2)),
        String.format("%.4f", all.get(all.size() * 99 / 100)),
        worstAt[0] == 0 ? "P" : "S",
        String.format("%.3f", worstAt[1]),
        String.format("%.2f", worstAt[2]));
    assertThat(crust[0]).isLessThan(0.05);
    assertThat(crust[1]).isLessThan(0.08);
    assertThat(errors[0]).isLessThan(0.1);
    assertThat(errors[1]).isLessThan(0.15);
    assertThat(all.get(all.size() * 99 / 100)).isLessThan(0.01);
  }

  @Test
  void shouldReadTheSameTableFromTheCacheWhenLoadedTwice() throws IOException {
    TravelTimeTable built = TravelTimeTable.load("ak135", SMALL, cacheDir);
    List<Path> files;
    try (Stream<Path> s = Files.list(cacheDir)) {
      files = s.toList();
    }

    TravelTimeTable read = TravelTimeTable.load("ak135", SMALL, cacheDir);

    assertEquals(1, files.size());
    assertThat(files.get(0).getFileName().toString()).startsWith("ak135-").endsWith(".tt");
    assertThat(Arrays.equals(built.times()[0], read.times()[0])).isTrue();
    assertThat(Arrays.equals(built.times()[1], read.times()[1])).isTrue();
  }

  @Test
  void shouldRebuildTheTableWhenTheCacheFileIsCorrupt() throws IOException {
    TravelTimeTable built = TravelTimeTable.load("iasp91", SMALL, cacheDir);
    Path file;
    try (Stream<Path> s = Files.list(cacheDir)) {
      file = s.findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x55;
    Files.write(file, bytes);

    TravelTimeTable rebuilt = TravelTimeTable.load("iasp91", SMALL, cacheDir);

    assertThat(Arrays.equals(built.times()[0], rebuilt.times()[0])).isTrue();
    assertThat(new TableCache(cacheDir).read(keyOf(SMALL), "iasp91", SMALL)).isPresent();
  }

  @Test
  void shouldArriveLaterWhenTheStationIsHigher() {
    TravelTimeTable table = TravelTimeTable.load("iasp91", SMALL, cacheDir);

    double sea = table.time(Phase.P, 0.3, 10, 0);
    double mountain = table.time(Phase.P, 0.3, 10, 2);

    assertThat(mountain - sea).isBetween(0.05, 2 / 5.8 + 1e-9);
  }

  @Test
  void shouldMatchTheBuiltInModelWhenTheSameModelIsGivenAsAFile() throws IOException {
    Path file = cacheDir.resolve("models").resolve("myiasp.tvel");
    Files.createDirectories(file.getParent());
    try (var in =
        TravelTimeTableTest.class.getResourceAsStream("/edu/sc/seis/TauP/StdModels/iasp91.tvel")) {
      Files.write(file, in.readAllBytes());
    }

    TravelTimeTable fromFile = TravelTimeTable.load(file.toString(), SMALL, cacheDir);
    TravelTimeTable builtIn = TravelTimeTable.load("iasp91", SMALL, cacheDir);

    for (double d = 0.05; d < 2; d += 0.37) {
      for (Phase phase : Phase.values()) {
        assertThat(fromFile.time(phase, d, 12.5))
            .isCloseTo(builtIn.time(phase, d, 12.5), org.assertj.core.data.Offset.offset(0.01));
      }
    }
  }

  @Test
  void shouldFailNamingTheModelWhenItIsUnknown() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> TravelTimeTable.load("nosuchmodel", SMALL, cacheDir))
        .isInstanceOf(org.seiswatch.common.error.ConfigurationException.class)
        .hasMessageContaining("nosuchmodel");
  }

  private static String keyOf(TableGrid grid) {
    return TableCache.key("iasp91", grid, TauPBuilder.tauPVersion());
  }

  private static List<SeismicPhase> phases(TauModel model, double depth, Phase phase)
      throws TauModelException {
    String[] names =
        phase == Phase.P
            ? new String[] {"p", "P", "Pg", "Pn", "Pdiff"}
            : new String[] {"s", "S", "Sg", "Sn", "Sdiff"};
    List<SeismicPhase> out = new ArrayList<>();
    for (String name : names) {
      try {
        out.add(SeismicPhaseFactory.createPhase(name, model, depth, 0));
      } catch (TauModelException e) {
        LOG.debug("no {} from {} km", name, depth);
      }
    }
    return out;
  }

  private static double earliest(List<SeismicPhase> phases, double distance) {
    double best = Double.POSITIVE_INFINITY;
    for (SeismicPhase p : phases) {
      Arrival a = p.getEarliestArrival(distance);
      if (a != null) {
        best = Math.min(best, a.getTime());
      }
    }
    return best;
  }
}
