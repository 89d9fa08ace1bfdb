package org.seiswatch.deploy.cli;

import static org.seiswatch.deploy.bench.BenchOutput.fmt;
import static org.seiswatch.deploy.bench.BenchOutput.row;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seiswatch.deploy.bench.BenchOutput;
import org.seiswatch.deploy.bench.PipelineLatencyBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seiswatch bench latency}: arrival → pick and origin → alert in a paced replay. */
@Command(
    name = "latency",
    mixinStandardHelpOptions = true,
    description = {
      "What users wait for, through the whole pipeline in one JVM (embedded Kafka broker,"
          + " detector, alert service, as in the demo): the first --data-seconds of the bundled"
          + " event hv70907436 replayed paced at --speed x real time, each record sent when a"
          + " real-time source would have delivered it complete. Times are the broker's"
          + " LogAppendTime stamps on seis.raw, seis.picks and seis.alerts.",
      "Prints arrival -> pick (the phase onset reaching the broker, in the replay's clock -> the"
          + " pick in seis.picks) p50/p95/p99/max for P, S and all picks, and per event origin ->"
          + " first alert and origin -> last alert (the origin time of the event's latest"
          + " version). At the default speed 1 it takes about --data-seconds plus a minute."
    })
public final class BenchLatencyCommand implements Callable<Integer> {
  @Option(
      names = "--speed",
      defaultValue = "1",
      description =
          "Replay pace, N x real time; latencies in data time scale with it (default: 1).")
  double speed;

  @Option(
      names = "--data-seconds",
      defaultValue = "120",
      description =
          "Seconds of the event replayed from its first record (03:08:32.68 UTC; the"
              + " mainshock's P reaches the stations from 03:09:06; default: ${DEFAULT-VALUE}).")
  double dataSeconds;

  @Mixin DetectorOverrides detectorOverrides;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
  Path json;

  @Override
  public Integer call() throws Exception {
    if (!(speed > 0) || !(dataSeconds >= 40)) {
      throw new CommandLine.ParameterException(
          new CommandLine(this),
          "--speed must be > 0 and --data-seconds at least 40 (the mainshock's P is 34 s in)");
    }
    Map<String, String> detectorSettings = detectorOverrides.checked();
    BenchOutput.quiet("org.apache.kafka", ch.qos.logback.classic.Level.ERROR);
    BenchOutput.quiet("kafka", ch.qos.logback.classic.Level.ERROR);
    BenchOutput.quiet("org.seiswatch", ch.qos.logback.classic.Level.WARN);
    PrintStream out = System.out;
    PipelineLatencyBenchmark.Result r =
        new PipelineLatencyBenchmark(out::println)
            .run(speed, dataSeconds, new LinkedHashMap<>(detectorSettings));
    out.println();
    row(out, "figure", "value");
    row(out, "raw records replayed", String.valueOf(r.rawRecords()));
    row(out, "replay wall seconds", fmt("%.1f", r.replayWallSeconds()));
    pickRow(out, "P", r.pPicks());
    pickRow(out, "S", r.sPicks());
    pickRow(out, "all", r.allPicks());
    out.println(
        "per pick, arrival -> pick s (P: = picker's wait for data + record completion + pipeline)");
    for (PipelineLatencyBenchmark.PickArrival k : r.picks()) {
      String split =
          k.dataWait() == null
              ? ""
              : String.format(
                  Locale.ROOT, " = %.2f + %.2f + %.2f", k.dataWait(), k.recordWait(), k.pipeline());
      out.printf(Locale.ROOT, "  %-42s %6.2f%s%n", k.id(), k.seconds(), split);
    }
    for (PipelineLatencyBenchmark.EventLatency e : r.events()) {
      row(out, "event " + e.id() + " v" + e.versions() + " " + e.lastType(), e.origin().toString());
      row(out, "  origin -> first alert s", fmt("%.1f", e.originToFirstAlertSeconds()));
      row(out, "  origin -> last alert s", fmt("%.1f", e.originToLastAlertSeconds()));
    }
    out.printf(
        Locale.ROOT,
        "(%d cores, Java %s, speed %s; arrival -> pick in seconds of wall time)%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        speed);
    if (json != null) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("benchmark", "latency");
      doc.put("detectorSettings", detectorSettings);
      doc.put("result", r);
      BenchOutput.writeJson(json, doc, out);
    }
    return 0;
  }

  private static void pickRow(
      PrintStream out, String phase, PipelineLatencyBenchmark.PickLatency l) {
    row(
        out,
        "arrival -> pick " + phase + " (" + l.picks() + ") p50/p95/p99/max s",
        String.format(Locale.ROOT, "%.1f/%.1f/%.1f/%.1f", l.p50(), l.p95(), l.p99(), l.max()));
  }
}
