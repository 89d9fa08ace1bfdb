package org.seiswatch.detector.phasenet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seiswatch.common.model.StreamId;
import org.seiswatch.detector.assembler.SampleBlock;

class ResamplerTest {
  private static final StreamId ID = new StreamId("XX", "STA", "", "SHZ");
  private static final long T0 = 1_700_000_000_000_000_000L;

  @ParameterizedTest
  @ValueSource(doubles = {20, 40, 50, 200})
  void shouldReproduceABandLimitedSineOnTheModelGridWhenRateDiffers(double rate) {
    double f = 2.0;
    double[] in = sine(rate, f, 60, 0);

    List<SampleBlock> out = run(rate, in, blocksOf(in.length, 173));

    double maxError = 0;
    int checked = 0;
    for (SampleBlock b : out) {
      assertEquals(100.0, b.sampleRate());
      assertEquals(0, b.startNanos() % 10_000_000L, "on the absolute 10 ms grid");
      for (int i = 0; i < b.size(); i++) {
        double t = (b.timeOf(i) - T0) / 1e9;
        if (t > 1 && t < 59) {
          maxError = Math.max(maxError, Math.abs(b.sample(i) - Math.sin(2 * Math.PI * f * t)));
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(5000);
    assertThat(maxError).isLessThan(2e-3);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 400, 100_000})
  void shouldGiveTheSameSamplesWhateverTheBlockSizes(int blockSize) {
    double[] in = noise(40, 30);
    double[] whole = concat(run(40, in, blocksOf(in.length, in.length)));

    double[] cut = concat(run(40, in, blocksOf(in.length, blockSize)));

    assertArrayEquals(whole, cut, 1e-12);
  }

  @org.junit.jupiter.api.Test
  void shouldRemoveWhatTheModelRateCannotCarryWhenDownsampling() {
    double[] in = sine(200, 70, 30, 0);

    double[] out = concat(run(200, in, blocksOf(in.length, 512)));

    double peak = 0;
    for (int i = 100; i < out.length - 100; i++) {
      peak = Math.max(peak, Math.abs(out[i]));
    }
    assertThat(peak).isLessThan(0.01);
  }

  @org.junit.jupiter.api.Test
  void shouldContinueExactlyAfterASerdeRoundTrip() {
    double[] in = noise(50, 40);
    Serde<Resampler> serde = Resampler.serde(100);
    Resampler straight = new Resampler(100);
    Resampler restored = new Resampler(100);
    List<double[]> a = new ArrayList<>();
    List<double[]> b = new ArrayList<>();
    int step = 333;
    for (int from = 0; from < in.length; from += step) {
      SampleBlock block = block(50, in, from, Math.min(in.length, from + step));
      SampleBlock x = straight.accept(block);
      SampleBlock y = restored.accept(block);
      restored = serde.deserializer().deserialize("t", serde.serializer().serialize("t", restored));
      if (x != null) {
        a.add(x.samples());
      }
      if (y != null) {
        b.add(y.samples());
      }
    }
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.get(i), b.get(i), 0.0);
    }
  }

  private static List<SampleBlock> run(double rate, double[] in, List<int[]> cuts) {
    Resampler r = new Resampler(100);
    List<SampleBlock> out = new ArrayList<>();
    for (int[] cut : cuts) {
      SampleBlock b = r.accept(block(rate, in, cut[0], cut[1]));
      if (b != null) {
        out.add(b);
      }
    }
    return out;
  }

  private static SampleBlock block(double rate, double[] in, int from, int to) {
    double[] part = java.util.Arrays.copyOfRange(in, from, to);
    return new SampleBlock(ID, T0 + Math.round(from * 1e9 / rate), rate, part);
  }

  private static List<int[]> blocksOf(int n, int size) {
    List<int[]> cuts = new ArrayList<>();
    for (int from = 0; from < n; from += size) {
      cuts.add(new int[] {from, Math.min(n, from + size)});
    }
    return cuts;
  }

  private static double[] concat(List<SampleBlock> blocks) {
    return blocks.stream().flatMapToDouble(b -> java.util.Arrays.stream(b.samples())).toArray();
  }

  private static double[] sine(double rate, double f, double seconds, double phase) {
    double[] x = new double[(int) (rate * seconds)];
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.sin(2 * Math.PI * f * i / rate + phase);
    }
    return x;
  }

  private static double[] noise(double rate, double seconds) {
    Random random = new Random(3);
    double[] x = new double[(int) (rate * seconds)];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextGaussian();
    }
    return x;
  }
}
