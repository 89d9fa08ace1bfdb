package org.seiswatch.detector.phasenet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seiswatch.common.model.Phase;
import org.seiswatch.common.testing.SharedData;

/** The labeled examples of {@code shared/data/picks} (README there): labels and expected picks. */
public final class PickData {
  /** One labeled example: window/trace files (relative to the data dir) and label indices. */
  public record Label(
      String window,
      String trace,
      int components,
      int pIdx,
      int sIdx,
      int offset,
      int pTrace,
      int sTrace) {}

  private PickData() {}

  public static Path dir() {
    return SharedData.require("data/picks");
  }

  public static List<Label> labels() {
    List<Label> out = new ArrayList<>();
    for (String[] f : rows(dir().resolve("labels.csv"))) {
      out.add(
          new Label(
              f[0],
              f[1],
              Integer.parseInt(f[5]),
              Integer.parseInt(f[8]),
              Integer.parseInt(f[9]),
              Integer.parseInt(f[10]),
              Integer.parseInt(f[12]),
              Integer.parseInt(f[13])));
    }
    return out;
  }

  /** Expected picks per window file, in file order. */
  static Map<String, List<WindowPick>> expected() {
    Map<String, List<WindowPick>> out = new LinkedHashMap<>();
    for (String[] f : rows(dir().resolve("expected_picks.csv"))) {
      out.computeIfAbsent(f[0], k -> new ArrayList<>())
          .add(
              new WindowPick(
                  Phase.valueOf(f[1]), Integer.parseInt(f[2]), Double.parseDouble(f[3])));
    }
    return out;
  }

  /**
   * P and S F1 at {@code tolerance} samples of the expected (offline, one window each) picks of
   * {@code expected_picks.csv} against the labels: issue 4's reference, P 0.942 and S 0.857 at 0.1
   * s.
   */
  public static double[] windowF1(int tolerance) {
    Map<String, List<WindowPick>> expected = expected();
    Score p = new Score();
    Score s = new Score();
    for (Label label : labels()) {
      List<WindowPick> picks = expected.getOrDefault(label.window(), List.of());
      p.add(
          picks.stream().filter(k -> k.phase() == Phase.P).map(WindowPick::index).toList(),
          label.pIdx(),
          tolerance);
      s.add(
          picks.stream().filter(k -> k.phase() == Phase.S).map(WindowPick::index).toList(),
          label.sIdx(),
          tolerance);
    }
    return new double[] {p.f1(), s.f1()};
  }

  private static List<String[]> rows(Path csv) {
    try {
      List<String> lines = Files.readAllLines(csv);
      List<String[]> out = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        if (!line.isBlank()) {
          out.add(line.split(","));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Precision/recall/F1 of picks against labels, matched within a tolerance (README definition).
   */
  public static final class Score {
    private int picks;
    private int arrivals;
    private int matched;

    /** Adds one example: the picked indices of one phase and its labeled index. */
    public void add(List<Integer> picked, int label, int tolerance) {
      picks += picked.size();
      arrivals++;
      if (picked.stream().anyMatch(i -> Math.abs(i - label) <= tolerance)) {
        matched++;
      }
    }

    public double precision() {
      return picks == 0 ? 0 : (double) matched / picks;
    }

    public double recall() {
      return (double) matched / arrivals;
    }

    public double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    @Override
    public String toString() {
      return String.format(
          java.util.Locale.ROOT,
          "P=%.3f R=%.3f F1=%.3f (%d picks, %d arrivals)",
          precision(),
          recall(),
          f1(),
          picks,
          arrivals);
    }
  }
}
