package org.seiswatch.deploy.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.seiswatch.common.json.Json;
import org.seiswatch.deploy.bench.BenchOutput;
import org.seiswatch.deploy.bench.PickerBenchmark;
import org.seiswatch.detector.DetectorConfig;
import org.seiswatch.detector.phasenet.MicroBatcher;
import org.seiswatch.detector.phasenet.ModelFiles;
import org.seiswatch.detector.phasenet.OnnxPhasePicker;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code seiswatch bench picker}: raw ONNX Runtime windows/s next to the streaming picker's. */
@Command(
    name = "picker",
    mixinStandardHelpOptions = true,
    description = {
      "PhaseNet throughput, in one run: (1) the raw ONNX Runtime session on normalised windows at"
          + " batch sizes 1, 8 and 32 (and at the streaming run's mean batch size); (2) the"
          + " streaming picker of the detector topology (assembler decoding 512-byte Steim-2"
          + " miniSEED, alignment, a window every stride, the shared micro-batcher, stacking,"
          + " picks) for N synthetic 3-component 100 Hz stations: the detector's processors on"
          + " in-memory state stores with the production serdes, no broker, one chain per"
          + " simulated stream thread; (3) the heap kept with 1000 stations' state loaded in"
          + " memory; (4) pick latency on the bundled event at a few stacking settings.",
      "The streaming run is repeated (--repeat), each followed by a raw run at its mean batch"
          + " size; the figures are those of the run with the median ratio streaming / raw.",
      "Prints a table, the ratio streaming / raw at the same batch size, and the number of"
          + " stations the streaming rate keeps up with in real time at the stride (one window"
          + " per station per stride). --json FILE writes the same figures."
    })
public final class BenchPickerCommand implements Callable<Integer> {
  private static final double WARM_UP_SECONDS = 120;

  @Option(
      names = "--stations",
      defaultValue = "100",
      description = "Simulated stations in the streaming run (default: ${DEFAULT-VALUE}).")
  int stations;

  @Option(
      names = "--data-seconds",
      defaultValue = "300",
      description = "Seconds of data per station in the streaming run (default: ${DEFAULT-VALUE}).")
  double dataSeconds;

  @Option(
      names = "--threads",
      defaultValue = "2",
      description =
          "Simulated stream threads feeding the one batcher (Kafka Streams num.stream.threads;"
              + " default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--batch-size",
      defaultValue = "32",
      description = "Micro-batcher batch size (phasenet.batch.size; default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--max-wait-ms",
      defaultValue = "0",
      description = "Micro-batcher maximum wait (phasenet.max.wait.ms; default: ${DEFAULT-VALUE}).")
  long maxWaitMs;

  @Option(
      names = "--intra-op-threads",
      defaultValue = "1",
      description =
          "ONNX Runtime intra-op threads (phasenet.intra.op.threads; default: ${DEFAULT-VALUE}).")
  int intraOpThreads;

  @Option(
      names = "--stride",
      defaultValue = "5",
      description = "Window stride, seconds (phasenet.stride.s; default: ${DEFAULT-VALUE}).")
  double stride;

  @Option(
      names = "--repeat",
      defaultValue = "3",
      description =
          "Streaming runs, each followed by a raw run at its mean batch size; the table shows the"
              + " median ratio and the range (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(
      names = "--raw-seconds",
      defaultValue = "5",
      description = "Seconds per raw batch-size measurement (default: ${DEFAULT-VALUE}).")
  double rawSeconds;

  @Option(
      names = "--heap-stations",
      defaultValue = "1000",
      description = "Stations for the heap figure; 0 skips it (default: ${DEFAULT-VALUE}).")
  int heapStations;

  @Option(
      names = "--latency-settings",
      split = ",",
      defaultValue = "5:10,4.5:5,5:15",
      paramLabel = "STRIDE:HORIZON",
      description =
          "Stacking settings (seconds) at which pick latency is measured on the bundled event,"
              + " one copy per simulated stream thread; empty skips it (default:"
              + " ${DEFAULT-VALUE}).")
  List<String> latencySettings;

  @Option(
      names = "--model",
      paramLabel = "M",
      description = "ONNX model with its manifest beside it (default: the bundled PhaseNet).")
  Path model;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
  Path json;

  @Override
  public Integer call() throws IOException {
    if (stations < 1
        || threads < 1
        || batchSize < 1
        || dataSeconds < 60
        || heapStations < 0
        || repeat < 1) {
      throw new CommandLine.ParameterException(
          new CommandLine(this),
          "need --stations >= 1, --threads >= 1, --batch-size >= 1, --data-seconds >= 60,"
              + " --heap-stations >= 0, --repeat >= 1");
    }
    quietLogs();
    PrintStream out = System.out;
    ModelFiles files = model == null ? ModelFiles.bundled() : ModelFiles.of(model);
    Map<String, Object> doc = new LinkedHashMap<>();
    try (OnnxPhasePicker picker = OnnxPhasePicker.open(files, intraOpThreads);
        MicroBatcher batcher = MicroBatcher.start(picker, batchSize, maxWaitMs)) {
      PickerBenchmark bench = new PickerBenchmark(picker, line -> out.println(line));
      Map<String, Object> settings = new LinkedHashMap<>();
      settings.put(DetectorConfig.PHASENET_STRIDE_S, stride);
      settings.put(DetectorConfig.PHASENET_BATCH_SIZE, batchSize);
      settings.put(DetectorConfig.PHASENET_MAX_WAIT_MS, maxWaitMs);

      // The same stations over 120 s of data first, so that the measured run finds the
      // processors' code compiled (JIT) rather than timing the compiler.
      out.println("streaming warm-up ...");
      bench.stream(batcher, settings, stations, threads, WARM_UP_SECONDS);
      // This machine's speed drifts between runs (a shared VM): each streaming run is paired with
      // a raw run right after it at its own mean batch size, and the ratio is taken per pair.
      List<PickerBenchmark.StreamResult> streams = new ArrayList<>();
      List<PickerBenchmark.RawResult> pairedRaw = new ArrayList<>();
      List<Double> ratios = new ArrayList<>();
      for (int i = 0; i < repeat; i++) {
        out.printf(Locale.ROOT, "streaming run %d/%d ...%n", i + 1, repeat);
        PickerBenchmark.StreamResult run =
            bench.stream(batcher, settings, stations, threads, dataSeconds);
        int b = Math.max(1, (int) Math.round(run.meanBatch()));
        PickerBenchmark.RawResult r = bench.raw(b, rawSeconds);
        out.printf(
            Locale.ROOT,
            "  %.1f windows/s streaming (mean batch %.2f), %.1f raw at batch %d: %.2f%n",
            run.windowsPerSecond(),
            run.meanBatch(),
            r.windowsPerSecond(),
            b,
            run.windowsPerSecond() / r.windowsPerSecond());
        streams.add(run);
        pairedRaw.add(r);
        ratios.add(run.windowsPerSecond() / r.windowsPerSecond());
      }
      int mid = medianIndex(ratios);
      PickerBenchmark.StreamResult stream = streams.get(mid);
      PickerBenchmark.RawResult same = pairedRaw.get(mid);
      int streamBatch = same.batchSize();

      List<PickerBenchmark.RawResult> raw = new ArrayList<>();
      for (int b : new TreeSet<>(List.of(1, 8, 32))) {
        out.printf(Locale.ROOT, "raw ONNX Runtime, batch %d ...%n", b);
        raw.add(bench.raw(b, rawSeconds));
      }
      PickerBenchmark.HeapResult heap =
          heapStations == 0 ? null : bench.heap(batcher, settings, heapStations, threads, 60);

      List<PickerBenchmark.LatencyResult> latencies = latencies(bench, batcher, settings, out);

      double ratio = ratios.get(mid);
      double realTimeStations = stream.windowsPerSecond() * stride;
      out.println();
      BenchOutput.row(out, "figure", "value");
      for (PickerBenchmark.RawResult r : raw) {
        row(out, "raw ORT windows/s, batch " + r.batchSize(), "%.1f", r.windowsPerSecond());
      }
      row(
          out,
          "raw ORT windows/s, batch " + streamBatch + " (after the median run)",
          "%.1f",
          same.windowsPerSecond());
      row(
          out,
          "streaming windows/s (" + stream.stations() + " stations)",
          "%.1f",
          stream.windowsPerSecond());
      row(out, "streaming mean batch size", "%.2f", stream.meanBatch());
      row(
          out,
          "stream-thread CPU ms per window (outside the model)",
          "%.2f",
          stream.streamCpuMsPerWindow());
      BenchOutput.row(
          out,
          "model ms per window, in the stream / raw at batch " + streamBatch,
          String.format(
              Locale.ROOT,
              "%.2f / %.2f",
              stream.modelSeconds() * 1000 / Math.max(1, stream.windows()),
              1000 / same.windowsPerSecond()));
      row(out, "model busy (share of the streaming run)", "%.2f", stream.modelBusy());
      row(out, "streaming / raw at batch " + streamBatch, "%.2f", ratio);
      BenchOutput.row(
          out,
          "streaming / raw, " + repeat + " runs (min - max)",
          String.format(
              Locale.ROOT,
              "%.2f - %.2f",
              ratios.stream().mapToDouble(Double::doubleValue).min().orElse(0),
              ratios.stream().mapToDouble(Double::doubleValue).max().orElse(0)));
      row(out, "stations in real time (stride " + fmt(stride) + " s)", "%.0f", realTimeStations);
      row(out, "streaming records/s", "%.0f", stream.records() / stream.seconds());
      row(out, "streaming picks (noise)", "%.0f", (double) stream.picks());
      if (heap != null) {
        row(
            out,
            "heap MiB kept for " + heap.stations() + " stations",
            "%.1f",
            (heap.heapBytesAfter() - heap.heapBytesBefore()) / 1048576.0);
        row(
            out,
            "PhaseNet state MiB for " + heap.stations() + " (serialised)",
            "%.1f",
            heap.stateBytes() / 1048576.0);
      }
      printLatencies(out, latencies);
      out.printf(
          Locale.ROOT,
          "(%d cores, Java %s, %d simulated stream threads, ORT intra-op threads %d)%n",
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"),
          threads,
          intraOpThreads);

      doc.put("benchmark", "picker");
      doc.put("model", picker.manifest().name() + " " + picker.manifest().version());
      doc.put("raw", raw);
      doc.put("stream", stream);
      doc.put("streamRuns", streams);
      doc.put("rawPairedWithStreamRuns", pairedRaw);
      doc.put("streamOverRawPerRun", ratios);
      doc.put("streamOverRawSameBatch", ratio);
      doc.put("realTimeStationsAtStride", realTimeStations);
      doc.put("strideSeconds", stride);
      doc.put("heap", heap);
      doc.put("pickLatency", latencies);
    }
    if (json != null) {
      Files.writeString(
          json, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc));
      out.println("JSON written to " + json);
    }
    return 0;
  }

  private List<PickerBenchmark.LatencyResult> latencies(
      PickerBenchmark bench, MicroBatcher batcher, Map<String, Object> settings, PrintStream out) {
    List<PickerBenchmark.LatencyResult> latencies = new ArrayList<>();
    for (String setting : latencySettings) {
      if (setting.isBlank()) {
        continue;
      }
      String[] parts = setting.split(":");
      if (parts.length != 2) {
        throw new CommandLine.ParameterException(
            new CommandLine(this), "--latency-settings: expected STRIDE:HORIZON, got " + setting);
      }
      double s = Double.parseDouble(parts[0]);
      double h = Double.parseDouble(parts[1]);
      out.printf(Locale.ROOT, "pick latency at stride %s s, horizon %s s ...%n", fmt(s), fmt(h));
      latencies.add(bench.latency(batcher, settings, s, h, threads));
    }
    return latencies;
  }

  private static void printLatencies(
      PrintStream out, List<PickerBenchmark.LatencyResult> latencies) {
    if (!latencies.isEmpty()) {
      out.println();
      out.println(
          "pick latency on the bundled event (processing = record handed to the assembler ->"
              + " pick forwarded; data = onset -> end of that record; arrival -> pick = data +"
              + " processing, data arriving in real time):");
      out.printf(
          Locale.ROOT,
          "%-16s %6s %18s %18s %22s%n",
          "stride/horizon",
          "picks",
          "processing p50/p99",
          "data p50/p99",
          "arrival->pick p50/p99");
      for (PickerBenchmark.LatencyResult l : latencies) {
        out.printf(
            Locale.ROOT,
            "%-16s %6d %8.1f/%6.1f ms %8.1f/%6.1f s %10.1f/%6.1f s%n",
            fmt(l.strideSeconds()) + " s/" + fmt(l.horizonSeconds()) + " s",
            l.picks(),
            l.processingP50Ms(),
            l.processingP99Ms(),
            l.dataP50Seconds(),
            l.dataP99Seconds(),
            l.arrivalP50Seconds(),
            l.arrivalP99Seconds());
      }
    }
  }

  private static void quietLogs() {
    BenchOutput.quiet("org.seiswatch", ch.qos.logback.classic.Level.WARN);
    BenchOutput.quiet("org.apache.kafka", ch.qos.logback.classic.Level.ERROR);
  }

  /** Index of the median value (the lower one of an even count). */
  private static int medianIndex(List<Double> values) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      order.add(i);
    }
    order.sort((a, b) -> Double.compare(values.get(a), values.get(b)));
    return order.get((values.size() - 1) / 2);
  }

  private static void row(PrintStream out, String name, String pattern, double value) {
    BenchOutput.row(out, name, BenchOutput.fmt(pattern, value));
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
