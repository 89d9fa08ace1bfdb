package org.seiswatch.deploy.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.seiswatch.common.error.ConfigurationException;
import org.seiswatch.common.json.Json;
import org.seiswatch.common.model.Amplitude;
import org.seiswatch.common.model.Pick;
import org.seiswatch.common.mseed.MiniSeedRecord;
import org.seiswatch.detector.phasenet.ModelFiles;
import org.seiswatch.detector.phasenet.OfflinePicker;
import org.seiswatch.detector.phasenet.OnnxPhasePicker;
import org.seiswatch.detector.phasenet.PhasePicker;
import org.seiswatch.detector.phasenet.StackSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code seiswatch pick}: offline PhaseNet picking of miniSEED files, no Kafka. */
@Command(
    name = "pick",
    mixinStandardHelpOptions = true,
    description = {
      "Pick P and S arrivals in miniSEED files with PhaseNet (ONNX), through the same windowing,"
          + " stacking and peak rule as the streaming detector. Channels are grouped per instrument"
          + " (E/N/Z, 1/2/Z or Z only); a gap splits the data; channels at another rate from 10 to"
          + " 1000 Hz are resampled to the model's 100 Hz as in the stream, others are skipped with"
          + " a warning.",
      "Writes CSV: id,station,channel,phase,time,probability,model,amplitude,period,snr"
          + " (amplitude in counts zero to peak, period in s, signal-to-noise ratio, measured at"
          + " the onset; empty when not measured)."
    })
public final class PickCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", arity = "1..*", description = "miniSEED 2 or 3 files.")
  List<Path> files = new ArrayList<>();

  @Option(
      names = "--model",
      paramLabel = "M",
      description =
          "ONNX model file with its manifest beside it (M.json instead of M.onnx); default: the"
              + " bundled PhaseNet.")
  Path model;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "CSV file to write (default: standard output).")
  Path out;

  @Option(
      names = "--stride",
      paramLabel = "S",
      defaultValue = "5",
      description = "Seconds between window starts (default: ${DEFAULT-VALUE}).")
  double stride;

  @Option(
      names = "--horizon",
      paramLabel = "H",
      defaultValue = "10",
      description =
          "A window contributes to samples at most H seconds before its end; 30 = full stacking"
              + " (default: ${DEFAULT-VALUE}).")
  double horizon;

  @Option(
      names = "--blinding",
      paramLabel = "B",
      defaultValue = "0.5",
      description =
          "Seconds at each window edge that never contribute (default: ${DEFAULT-VALUE}).")
  double blinding;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = "32",
      description = "Windows per model call (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "1",
      description = "ONNX Runtime intra-op threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Override
  public Integer call() throws IOException {
    List<MiniSeedRecord> records = new ArrayList<>();
    for (Path file : files) {
      if (!Files.isRegularFile(file)) {
        throw new ConfigurationException("no such file: " + file);
      }
      try {
        records.addAll(OfflinePicker.read(file));
      } catch (IOException | RuntimeException e) {
        throw new ConfigurationException("cannot read " + file + ": " + e.getMessage(), e);
      }
    }
    ModelFiles modelFiles = model == null ? ModelFiles.bundled() : ModelFiles.of(model);
    List<Pick> picks;
    try (PhasePicker picker = OnnxPhasePicker.open(modelFiles, threads)) {
      StackSettings settings;
      try {
        settings =
            StackSettings.ofSeconds(stride, horizon, blinding, picker.manifest().samplingRateHz());
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException("stacking options: " + e.getMessage(), e);
      }
      picks = new OfflinePicker(picker, settings, batchSize).pick(records);
    }
    if (out == null) {
      PrintWriter w = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
      write(picks, w);
      w.flush();
    } else {
      try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out), false)) {
        write(picks, w);
        if (w.checkError()) {
          throw new IOException("writing " + out + " failed");
        }
      }
      System.err.printf(
          "%d picks from %d records written to %s%n", picks.size(), records.size(), out);
    }
    return 0;
  }

  private static void write(List<Pick> picks, PrintWriter w) {
    w.println("id,station,channel,phase,time,probability,model,amplitude,period,snr");
    for (Pick p : picks) {
      Amplitude a = p.amplitude();
      w.printf(
          Locale.ROOT,
          "%s,%s,%s,%s,%s,%.4f,%s,%s,%s,%s%n",
          p.id(),
          p.stationKey(),
          p.site().channel(),
          p.phase(),
          Json.format(p.time()),
          p.classificationInfo().phaseProbability(),
          p.source().author(),
          a == null ? "" : number(a.amplitude()),
          a == null ? "" : number(a.period()),
          a == null ? "" : number(a.snr()));
    }
  }

  private static String number(Double v) {
    return v == null ? "" : String.format(Locale.ROOT, "%.3f", v);
  }
}
