package org.seiswatch.deploy.cli;

import static org.seiswatch.deploy.bench.BenchOutput.fmt;
import static org.seiswatch.deploy.bench.BenchOutput.row;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seiswatch.deploy.bench.BenchOutput;
import org.seiswatch.deploy.bench.IngestBenchmark;
import org.seiswatch.ingest.seedlink.SeedlinkIngestConfig;
import org.seiswatch.ingest.seedlink.protocol.Protocol;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code seiswatch bench ingest}: SeedLink ingest latency with live synthetic stations. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Measures SeedLink ingest latency. Starts an embedded Kafka broker, a SeedLink server on"
          + " 127.0.0.1 with N live synthetic stations (SY.S0001.., HHE/HHN/HHZ, 100 Hz Gaussian"
          + " noise in 512-byte Steim-2 records with sample times near now; a record is released"
          + " when the time of its last sample has passed, as a digitizer does) and the production"
          + " SeedLink ingest writing them to seis.raw in Kafka transactions.",
      "Latency of a record = the time its transaction commit returned (the record is then"
          + " visible to read_committed consumers) - the record's end time (start + samples /"
          + " rate). This is 'last sample -> acknowledged' minus one sample period (so a record"
          + " acknowledged within 10 ms of its last sample counts as negative); the record"
          + " duration itself (about 3.4 s here) is not included. Records committed during the"
          + " warm-up are not counted.",
      "Prints p50, p90, p99 and max latency, records/s, the station with the worst p99, and the"
          + " ingest's own seedlink.latency gauge (receive time - record end, sampled per station"
          + " every second). Run it on an otherwise idle machine."
    })
public final class BenchIngestCommand implements Callable<Integer> {
  @Option(
      names = "--stations",
      defaultValue = "100",
      description = "Synthetic stations, 3 channels each (default: ${DEFAULT-VALUE}).")
  int stations;

  @Option(
      names = "--speed",
      defaultValue = "1",
      description =
          "Data time per wall time: 1 = real time; 2 = twice the record rate (latency is then"
              + " measured against the wall time at which the record's end was reached, and the"
              + " ingest's gauge is not reported)"
              + " (default: ${DEFAULT-VALUE}).")
  double speed;

  @Option(
      names = "--duration",
      defaultValue = "60",
      paramLabel = "SECONDS",
      description = "Measurement time after the warm-up (default: ${DEFAULT-VALUE}).")
  int duration;

  @Option(
      names = "--warmup",
      defaultValue = "10",
      paramLabel = "SECONDS",
      description = "Warm-up, not measured (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--protocol",
      defaultValue = "4.0",
      description = "SeedLink protocol of the ingest: 4.0 or 3.1 (default: ${DEFAULT-VALUE}).")
  String protocol;

  @Option(
      names = "--transaction-max-ms",
      paramLabel = "MS",
      description =
          "The ingest's "
              + SeedlinkIngestConfig.TRANSACTION_MAX_MS
              + " (default: the service default, 200).")
  Long transactionMaxMs;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed of the noise (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description =
          "A further ingest setting (see 'seiswatch ingest --list-settings'), e.g."
              + " producer.retry.backoff.ms=10; repeatable.")
  Map<String, String> ingestSettings = new LinkedHashMap<>();

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
  Path json;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Protocol p;
    try {
      p = Protocol.parse(protocol);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--protocol must be 4.0 or 3.1, got " + protocol);
    }
    if (stations < 1 || stations > 9999 || duration < 1 || warmup < 0 || !(speed > 0)) {
      throw new CommandLine.ParameterException(
          new CommandLine(this),
          "need 1 <= --stations <= 9999, --duration >= 1, --warmup >= 0, --speed > 0");
    }
    long txMs =
        transactionMaxMs != null
            ? transactionMaxMs
            : (Long)
                SeedlinkIngestConfig.DEFINITION
                    .defaultValues()
                    .get(SeedlinkIngestConfig.TRANSACTION_MAX_MS);
    // The ingest and the broker would bury the figures in INFO lines.
    BenchOutput.quiet("org.seiswatch.ingest", ch.qos.logback.classic.Level.WARN);
    BenchOutput.quiet("org.seiswatch.deploy.broker", ch.qos.logback.classic.Level.WARN);
    PrintStream out = System.out;
    IngestBenchmark.Result r =
        IngestBenchmark.run(
            new IngestBenchmark.Settings(
                stations,
                speed,
                Duration.ofSeconds(warmup),
                Duration.ofSeconds(duration),
                p,
                txMs,
                seed,
                ingestSettings),
            out);
    out.println();
    out.printf(
        Locale.ROOT,
        "SeedLink ingest latency: %d stations x %d channels, %.0f Hz, 512-byte Steim-2,"
            + " protocol %s, speed %s, %s ms transactions, %d cores%n",
        r.stations(),
        r.channels(),
        r.sampleRateHz(),
        r.protocol(),
        fmt("%.3g", r.speed()),
        txMs,
        Runtime.getRuntime().availableProcessors());
    if (!ingestSettings.isEmpty()) {
      out.println("ingest settings: " + ingestSettings);
    }
    out.println("latency = transaction commit returned - record end time (start + samples/rate)");
    out.printf(Locale.ROOT, "%-36s %14s%n", "figure", "value");
    row(out, "records measured", String.valueOf(r.records()));
    row(out, "records/s", fmt("%.1f", r.recordsPerSecond()));
    row(out, "mean record span s", fmt("%.2f", r.meanRecordSeconds()));
    row(out, "latency p50 ms", fmt("%.1f", r.latencyMs().p50()));
    row(out, "latency p90 ms", fmt("%.1f", r.latencyMs().p90()));
    row(out, "latency p99 ms", fmt("%.1f", r.latencyMs().p99()));
    row(out, "latency max ms", fmt("%.1f", r.latencyMs().max()));
    row(out, "worst station p99 ms (" + r.worstStation() + ")", fmt("%.1f", r.worstStationP99Ms()));
    if (r.ingestGaugeMs() != null) {
      row(out, "ingest gauge seedlink.latency p50 ms", fmt("%.1f", r.ingestGaugeMs().p50()));
      row(out, "ingest gauge seedlink.latency p99 ms", fmt("%.1f", r.ingestGaugeMs().p99()));
      row(out, "ingest gauge seedlink.latency max ms", fmt("%.1f", r.ingestGaugeMs().max()));
    }
    row(out, "transactions (whole run)", String.valueOf(r.transactions()));
    row(out, "dead letters", String.valueOf(r.deadLetters()));
    if (json != null) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("benchmark", "ingest");
      doc.put(
          "latencyDefinition",
          "transaction commit returned - record end time (start + samples/rate), milliseconds");
      doc.put("transactionMaxMs", txMs);
      doc.put("ingestSettings", ingestSettings);
      doc.put("seed", seed);
      doc.put("result", r);
      BenchOutput.writeJson(json, doc, out);
    }
    return 0;
  }
}
