package org.seiswatch.deploy.cli;

import static org.seiswatch.deploy.bench.BenchOutput.fmt;
import static org.seiswatch.deploy.bench.BenchOutput.row;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seiswatch.deploy.bench.BenchOutput;
import org.seiswatch.detector.DetectorConfig;
import org.seiswatch.detector.associator.bench.AssociatorBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code seiswatch bench associate}: picks per second through the associator. */
@Command(
    name = "associate",
    mixinStandardHelpOptions = true,
    description = {
      "Feeds the synthetic catalog (200 events over 24 h of data time under a 300 x 300 km network"
          + " of 30 stations; P and S picks from the iasp91 tables with 0.1/0.2 s noise, 10%% missing,"
          + " twice as many false picks) through one associator, single-threaded and without Kafka,"
          + " and prints picks per second with the catalog score (precision, recall, median errors).",
      "The first run builds the iasp91 table into the cache directory (a few seconds)."
    })
public final class BenchAssociateCommand implements Callable<Integer> {
  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of the synthetic catalog (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--runs",
      defaultValue = "3",
      description =
          "Timed runs after one warm-up run; the best and median are reported (default:"
              + " ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
  Path json;

  @Option(
      names = "--cache-dir",
      paramLabel = "DIR",
      description = "Travel-time table cache (default: ~/.cache/seiswatch/traveltime).")
  Path cacheDir;

  @Override
  public Integer call() throws IOException {
    if (runs < 1) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), "--runs must be at least 1, got " + runs);
    }
    Path cache =
        cacheDir != null
            ? cacheDir
            : Path.of(
                (String)
                    DetectorConfig.DEFINITION
                        .defaultValues()
                        .get(DetectorConfig.ASSOCIATOR_TRAVELTIME_CACHE_DIR));
    // One line per event from the associator would bury the figures.
    BenchOutput.quiet("org.seiswatch.detector.associator", ch.qos.logback.classic.Level.WARN);
    PrintStream out = System.out;
    out.println("warm-up run ...");
    AssociatorBenchmark.run(cache, seed);
    double[] rates = new double[runs];
    AssociatorBenchmark.Result last = null;
    for (int i = 0; i < runs; i++) {
      last = AssociatorBenchmark.run(cache, seed);
      rates[i] = last.picksPerSecond();
      out.printf(Locale.ROOT, "run %d/%d: %.0f picks/s%n", i + 1, runs, rates[i]);
    }
    java.util.Arrays.sort(rates);
    double median = rates[runs / 2];
    double best = rates[runs - 1];
    out.println();
    row(out, "figure", "value");
    row(out, "events (catalog)", String.valueOf(last.events()));
    row(out, "picks fed", String.valueOf(last.picks()));
    row(out, "false picks among them", String.valueOf(last.falsePicks()));
    row(out, "picks/s (median)", fmt("%.0f", median));
    row(out, "picks/s (best)", fmt("%.0f", best));
    row(out, "detections", String.valueOf(last.detections()));
    row(out, "precision", fmt("%.3f", last.precision()));
    row(out, "recall", fmt("%.3f", last.recall()));
    row(out, "median epicentre error km", fmt("%.2f", last.medianEpicentreKm()));
    row(out, "median origin error s", fmt("%.2f", last.medianOriginSeconds()));
    row(out, "median depth error km", fmt("%.2f", last.medianDepthKm()));
    if (json != null) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("benchmark", "associate");
      doc.put("seed", seed);
      doc.put("runs", runs);
      doc.put("picksPerSecondMedian", median);
      doc.put("picksPerSecondBest", best);
      doc.put("result", last);
      BenchOutput.writeJson(json, doc, out);
    }
    return 0;
  }
}
