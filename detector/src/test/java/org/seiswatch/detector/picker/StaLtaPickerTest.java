package org.seiswatch.detector.picker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.seiswatch.common.model.Pick;
import org.seiswatch.common.model.StreamId;
import org.seiswatch.detector.assembler.SampleBlock;
import org.seiswatch.detector.internal.DataTime;

class StaLtaPickerTest {
  private static final StreamId Z = StreamId.parse("XX.TEST..HHZ");
  private static final Instant START = Instant.parse("2020-01-01T00:00:00Z");
  private static final double RATE = 100;
  private static final double ONSET_S = 30.0;
  private static final StaLtaSettings SETTINGS =
      new StaLtaSettings(0.5, 10, 5, 1.5, 2, 10, 10, 2, 0.5);

  /** Gaussian noise, then a 5 Hz wavetrain 30 times stronger from {@link #ONSET_S}. */
  private static double[] synthetic() {
    Random random = new Random(42);
    double[] x = new double[(int) (60 * RATE)];
    for (int i = 0; i < x.length; i++) {
      double t = i / RATE;
      x[i] = 1000 + random.nextGaussian() * 10;
      if (t >= ONSET_S) {
        x[i] += 300 * Math.sin(2 * Math.PI * 5 * (t - ONSET_S)) * Math.exp(-(t - ONSET_S) / 5);
      }
    }
    return x;
  }

  private static List<Pick> run(double[] samples, int... blockSizes) {
    StaLtaPicker picker = new StaLtaPicker(SETTINGS);
    StaLtaState state = new StaLtaState();
    List<Pick> picks = new ArrayList<>();
    long start = DataTime.toNanos(START);
    int at = 0;
    for (int b = 0; at < samples.length; b++) {
      int n = Math.min(blockSizes[b % blockSizes.length], samples.length - at);
      SampleBlock block =
          new SampleBlock(
              Z,
              start + DataTime.sampleOffset(at, RATE),
              RATE,
              Arrays.copyOfRange(samples, at, at + n));
      picks.addAll(picker.process(state, block));
      at += n;
    }
    return picks;
  }

  @Test
  void shouldPickTheOnsetWithinFiveSamplesWhenAStrongSignalFollowsNoise() {
    List<Pick> picks = run(synthetic(), 412);

    assertEquals(1, picks.size());
    Duration error =
        Duration.between(START.plusMillis((long) (ONSET_S * 1000)), picks.get(0).time());
    assertThat(Math.abs(error.toMillis())).isLessThanOrEqualTo(50);
    assertThat(picks.get(0).id()).startsWith("XX.TEST..HHZ.P.20200101T0000");
  }

  @Test
  void shouldGiveIdenticalPicksWhenTheSameSamplesComeInDifferentBlocks() {
    double[] samples = synthetic();

    List<Pick> whole = run(samples, samples.length);
    List<Pick> small = run(samples, 1, 7, 13);
    List<Pick> records = run(samples, 412, 389, 401);

    assertThat(whole).isNotEmpty();
    assertEquals(whole, small);
    assertEquals(whole, records);
  }

  @Test
  void shouldNotPickWhenTheInputIsStationaryNoise() {
    Random random = new Random(7);
    double[] noise = new double[(int) (120 * RATE)];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = random.nextGaussian() * 10;
    }

    assertEquals(List.of(), run(noise, 400));
  }
}
