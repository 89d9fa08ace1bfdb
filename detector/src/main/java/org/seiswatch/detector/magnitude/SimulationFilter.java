package org.seiswatch.detector.magnitude;

import java.util.ArrayList;
import java.util.List;
import org.seiswatch.common.model.Channel;
import org.seiswatch.common.model.Complex;
import org.seiswatch.common.model.PolesZeros;

/**
 * A recursive (IIR) filter from raw counts to Wood-Anderson displacement in mm, designed per
 * channel from its response, run sample by sample with its state kept across blocks ({@link
 * FilterState}) so it works on a stream.
 *
 * <p>Design, in the Laplace domain (rad/s): with the instrument {@code I(s) = S · N(s) / |N(i
 * ω_S)|} (counts per ground unit; {@code N = Π(s − z) / Π(s − p)} from the channel's poles and
 * zeros, 1 without them; S the overall sensitivity at its frequency {@code ω_S}) and {@code k} = 0,
 * 1, 2 for input units m, m/s, m/s², the simulation is {@code T(s) = W(s) / (I(s) · s^k)}, W the
 * {@link WoodAnderson} response. The instrument's poles become zeros of T and its zeros poles. A
 * Butterworth high-pass (order ≥ 2, enough to leave at least one zero at s = 0, so DC and drift
 * give no output) and a 2-pole Butterworth low-pass make T stable and proper. Poles and zeros
 * farther than 2π × sample rate from the origin (far above Nyquist, such as a Trillium's 200–500 Hz
 * roots) are flat in the band of interest and are left out of the recursion; their gain is kept by
 * the normalisation below. T is mapped to the z domain by the bilinear transform pre-warped at the
 * reference frequency {@code f_r = min(1.25 Hz, 0.25 × rate)} (the Wood-Anderson natural
 * frequency), and the gain is set so that the digital filter's amplitude at {@code f_r} equals the
 * exact analog {@code |T(i 2π f_r)|} (all roots) times the high- and low-pass. The filter runs as a
 * cascade of second-order sections (transposed direct form II).
 *
 * <p>Accuracy: at {@code f_r} exact; elsewhere the bilinear warping shifts frequencies by {@code
 * tan(π f / rate) / (π f / rate)}: 0.1 % at 2 Hz, 3 % at 10 Hz for 100 Hz data; the default 0.2 Hz
 * high-pass lowers 1 Hz amplitudes by 0.08 % and the 25 Hz low-pass 10 Hz ones by under 1 %.
 * Digital response stages (FIR) are not modelled (flat in the pass band).
 */
public final class SimulationFilter {
  /** Metres to millimetres. */
  private static final double MM = 1000;

  private final double[][] sections; // per section: b0, b1, b2, a1, a2
  private final double gain;
  private final Analog exact;
  private final double referenceHz;

  private SimulationFilter(double[][] sections, double gain, Analog exact, double referenceHz) {
    this.sections = sections;
    this.gain = gain;
    this.exact = exact;
    this.referenceHz = referenceHz;
  }

  /**
   * Designs the simulation for one channel.
   *
   * @throws IllegalArgumentException when the channel has no usable sensitivity or its units are
   *     not displacement, velocity or acceleration in metres
   */
  public static SimulationFilter design(
      Channel channel, double sampleRate, AmplitudeSettings settings) {
    int k = integrations(channel);
    double sensitivity = channel.sensitivity();
    if (!(sensitivity > 0) || !Double.isFinite(sensitivity)) {
      throw new IllegalArgumentException("no sensitivity (" + sensitivity + ")");
    }
    double sensitivityHz =
        channel.sensitivityFrequency() > 0 ? channel.sensitivityFrequency() : 1.0;
    List<double[]> instZeros = new ArrayList<>();
    List<double[]> instPoles = new ArrayList<>();
    PolesZeros pz = channel.polesZeros();
    if (pz != null) {
      instZeros = radPerSecond(pz.zeros(), pz.toRadPerSecond());
      instPoles = radPerSecond(pz.poles(), pz.toRadPerSecond());
    }
    Analog exact = new Analog(instZeros, instPoles, sensitivity, sensitivityHz, k);

    double referenceHz = Math.min(1 / WoodAnderson.PERIOD_S, 0.25 * sampleRate);
    double wr = 2 * Math.PI * referenceHz;
    double bigK = wr / Math.tan(wr / (2 * sampleRate));
    double far = 2 * Math.PI * sampleRate;

    List<double[]> zeros = new ArrayList<>(); // of T, rad/s, excluding s = 0
    List<double[]> poles = new ArrayList<>();
    int origin = 2 - k; // zeros at s = 0: two from Wood-Anderson, minus the integration
    for (double[] p : instPoles) {
      double m = Math.hypot(p[0], p[1]);
      if (m < 1e-12) {
        origin++;
      } else if (m <= far) {
        zeros.add(p);
      }
    }
    for (double[] z : instZeros) {
      double m = Math.hypot(z[0], z[1]);
      if (m < 1e-12) {
        origin--;
      } else if (m <= far) {
        poles.add(z);
      }
    }
    for (double[] p : WoodAnderson.poles()) {
      poles.add(p);
    }
    int highPassOrder = Math.max(2, 1 - origin);
    double highPassA = bigK * Math.tan(Math.PI * settings.highPassHz() / sampleRate);
    poles.addAll(butterworth(highPassOrder, highPassA));
    origin += highPassOrder;
    int excess = zeros.size() + origin - poles.size();
    int lowPassOrder = Math.max(2, excess + 1);
    double lowPassHz = Math.min(settings.lowPassHz(), 0.4 * sampleRate);
    double lowPassA = bigK * Math.tan(Math.PI * lowPassHz / sampleRate);
    poles.addAll(butterworth(lowPassOrder, lowPassA));

    List<double[]> dz = new ArrayList<>();
    List<double[]> dp = new ArrayList<>();
    for (double[] z : zeros) {
      dz.add(bilinear(z, bigK));
    }
    for (int i = 0; i < origin; i++) {
      dz.add(new double[] {1, 0});
    }
    for (double[] p : poles) {
      dp.add(bilinear(p, bigK));
    }
    while (dz.size() < dp.size()) {
      dz.add(new double[] {-1, 0});
    }
    double[][] sections = sections(dz, dp);
    double target =
        exact.gain(wr)
            * highPass(highPassOrder, highPassA, wr)
            * lowPass(lowPassOrder, lowPassA, wr)
            * MM;
    double digital = digitalGain(sections, wr / sampleRate);
    return new SimulationFilter(sections, target / digital, exact, referenceHz);
  }

  /** 0, 1 or 2: how often ground displacement is differentiated to give the input units. */
  private static int integrations(Channel channel) {
    String units = channel.inputUnits();
    if ((units == null || units.isBlank()) && channel.polesZeros() != null) {
      units = channel.polesZeros().inputUnits();
    }
    if (PolesZeros.isVelocity(units)) {
      return 1;
    }
    if (PolesZeros.isAcceleration(units)) {
      return 2;
    }
    if (PolesZeros.isDisplacement(units)) {
      return 0;
    }
    throw new IllegalArgumentException(
        "input units '" + units + "' are not M, M/S or M/S**2: cannot simulate Wood-Anderson");
  }

  private static List<double[]> radPerSecond(List<Complex> roots, double scale) {
    List<double[]> out = new ArrayList<>();
    for (Complex r : roots) {
      out.add(new double[] {r.re() * scale, r.im() * scale});
    }
    return out;
  }

  /** Number of second-order sections (state size / 2). */
  public int sectionCount() {
    return sections.length;
  }

  /** The reference frequency where the gain is exact, Hz. */
  public double referenceHz() {
    return referenceHz;
  }

  /**
   * The exact analog amplitude of counts to Wood-Anderson mm at {@code f} Hz, without the
   * stabilising high- and low-pass: {@code |W(i ω)| / (|I(i ω)| · ω^k)} × 1000.
   */
  public double analogGain(double frequencyHz) {
    return exact.gain(2 * Math.PI * frequencyHz) * MM;
  }

  /** Filters one sample; {@code state} holds 2 values per section. */
  public double step(double[] state, double x) {
    double v = x * gain;
    for (int i = 0; i < sections.length; i++) {
      double[] c = sections[i];
      int j = 2 * i;
      double y = c[0] * v + state[j];
      state[j] = c[1] * v - c[3] * y + state[j + 1];
      state[j + 1] = c[2] * v - c[4] * y;
      v = y;
    }
    return v;
  }

  private static List<double[]> butterworth(int order, double omega) {
    List<double[]> out = new ArrayList<>();
    for (int j = 1; j <= order; j++) {
      double theta = Math.PI * (2 * j + order - 1) / (2.0 * order);
      out.add(new double[] {omega * Math.cos(theta), omega * Math.sin(theta)});
    }
    return out;
  }

  private static double highPass(int order, double omega, double w) {
    return Math.pow(w / omega, order) / Math.sqrt(1 + Math.pow(w / omega, 2 * order));
  }

  private static double lowPass(int order, double omega, double w) {
    return 1 / Math.sqrt(1 + Math.pow(w / omega, 2 * order));
  }

  private static double[] bilinear(double[] r, double k) {
    // z = (K + r) / (K − r)
    double nr = k + r[0];
    double ni = r[1];
    double dr = k - r[0];
    double di = -r[1];
    double d = dr * dr + di * di;
    return new double[] {(nr * dr + ni * di) / d, (ni * dr - nr * di) / d};
  }

  /** Second-order polynomials {1, c1, c2} from roots, conjugate pairs together. */
  private static List<double[]> quadratics(List<double[]> roots) {
    List<double[]> complex = new ArrayList<>();
    List<Double> real = new ArrayList<>();
    for (double[] r : roots) {
      if (Math.abs(r[1]) <= 1e-12 * Math.max(1, Math.abs(r[0]))) {
        real.add(r[0]);
      } else if (r[1] > 0) {
        complex.add(r);
      }
    }
    List<double[]> out = new ArrayList<>();
    for (double[] r : complex) {
      out.add(new double[] {1, -2 * r[0], r[0] * r[0] + r[1] * r[1]});
    }
    for (int i = 0; i < real.size(); i += 2) {
      double a = real.get(i);
      if (i + 1 < real.size()) {
        double b = real.get(i + 1);
        out.add(new double[] {1, -(a + b), a * b});
      } else {
        out.add(new double[] {1, -a, 0});
      }
    }
    return out;
  }

  private static double[][] sections(List<double[]> zeros, List<double[]> poles) {
    List<double[]> num = quadratics(zeros);
    List<double[]> den = quadratics(poles);
    int n = Math.max(num.size(), den.size());
    double[][] out = new double[n][];
    for (int i = 0; i < n; i++) {
      double[] b = i < num.size() ? num.get(i) : new double[] {1, 0, 0};
      double[] a = i < den.size() ? den.get(i) : new double[] {1, 0, 0};
      out[i] = new double[] {b[0], b[1], b[2], a[1], a[2]};
    }
    return out;
  }

  /** |H(e^{iθ})| of the cascade without the gain. */
  private static double digitalGain(double[][] sections, double theta) {
    double c1 = Math.cos(theta);
    double s1 = -Math.sin(theta);
    double c2 = Math.cos(2 * theta);
    double s2 = -Math.sin(2 * theta);
    double g = 1;
    for (double[] c : sections) {
      double br = c[0] + c[1] * c1 + c[2] * c2;
      double bi = c[1] * s1 + c[2] * s2;
      double ar = 1 + c[3] * c1 + c[4] * c2;
      double ai = c[3] * s1 + c[4] * s2;
      g *= Math.hypot(br, bi) / Math.hypot(ar, ai);
    }
    return g;
  }

  /** The exact analog simulation, for the normalisation and for tests. */
  private record Analog(
      List<double[]> instZeros,
      List<double[]> instPoles,
      double sensitivity,
      double sensitivityHz,
      int integrations) {

    /** |N(iω)|. */
    double shape(double w) {
      double v = 1;
      for (double[] z : instZeros) {
        v *= Math.hypot(-z[0], w - z[1]);
      }
      for (double[] p : instPoles) {
        v /= Math.hypot(-p[0], w - p[1]);
      }
      return v;
    }

    /** |T(iω)| in metres of Wood-Anderson trace per count. */
    double gain(double w) {
      double instrument = sensitivity * shape(w) / shape(2 * Math.PI * sensitivityHz);
      return WoodAnderson.gain(w / (2 * Math.PI)) / (instrument * Math.pow(w, integrations));
    }
  }
}
