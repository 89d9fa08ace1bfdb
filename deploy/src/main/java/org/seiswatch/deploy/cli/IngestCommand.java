package org.seiswatch.deploy.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seiswatch.deploy.broker.TopicAdmin;
import org.seiswatch.ingest.seedlink.MetricsEndpoint;
import org.seiswatch.ingest.seedlink.SeedlinkIngest;
import org.seiswatch.ingest.seedlink.SeedlinkIngestConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seiswatch ingest}: live data from a SeedLink server into seis.raw. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Ingest from a SeedLink server until Ctrl-C: the selected streams go to seis.raw exactly once (Kafka"
          + " transactions commit the records and the resume state, seis.ingest.state, together), surviving"
          + " reconnects, server restarts and restarts of this process.",
      "Speaks SeedLink 4.0 when the server offers it, else 3.1. Bad packets (unparsable miniSEED, wrong"
          + " length, bad sequence, unrequested stream) go to seis.deadletter; the link stays up.",
      "Every setting: --list-settings; change one with --set KEY=VALUE or a --config file."
    })
public final class IngestCommand implements Callable<Integer> {
  @Mixin KafkaOptions kafka;
  @Mixin ServiceSettings settings;

  @Option(
      names = "--seedlink",
      paramLabel = "HOST:PORT",
      description = "SeedLink server (port 18000 if omitted).")
  String server;

  @Option(
      names = "--select",
      paramLabel = "NET_STA[:SEL...]",
      description =
          "Streams to ingest, repeatable: NET_STA optionally followed by ':' and space-separated"
              + " LOC.CHA, CHA or LLCCC selectors; ? and * wildcards. E.g. 'HV_*:HH?',"
              + " 'IU_ANMO:00.BHZ 10.BHZ', 'GE_*'.")
  List<String> select = new ArrayList<>();

  @Option(
      names = "--protocol",
      paramLabel = "auto|3.1|4.0",
      description = "SeedLink protocol (default: auto = 4.0 when offered, else 3.1).")
  String protocol;

  @Option(
      names = "--metrics-port",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Serve Prometheus metrics at http://HOST:N/metrics (packets, bytes, reconnects, transactions,"
              + " per-station latency); 0 = off (default).")
  int metricsPort;

  @Override
  public Integer call() throws InterruptedException {
    if (settings.listIfRequested(SeedlinkIngestConfig.DEFINITION, System.out)) {
      return 0;
    }
    Map<String, Object> values = settings.load();
    values.put(SeedlinkIngestConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    values.putIfAbsent(SeedlinkIngestConfig.STATE_REPLICATION, kafka.replicationFactor());
    if (server != null) {
      values.put(SeedlinkIngestConfig.SERVER, server);
    }
    if (!select.isEmpty()) {
      values.put(SeedlinkIngestConfig.SELECT, select);
    }
    if (protocol != null) {
      values.put(SeedlinkIngestConfig.PROTOCOL, protocol);
    }
    SeedlinkIngestConfig config = SeedlinkIngestConfig.from(values);
    TopicAdmin.createMissing(kafka.bootstrapServers(), kafka.replicationFactor());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    SeedlinkIngest ingest = new SeedlinkIngest(config, registry);
    MetricsEndpoint metrics =
        metricsPort > 0 ? MetricsEndpoint.start(registry, "0.0.0.0", metricsPort) : null;
    ingest.start();
    if (metrics != null) {
      System.out.println("Metrics at http://localhost:" + metrics.port() + "/metrics");
    }
    System.out.println(
        "Ingesting "
            + String.join(" ", config.getList(SeedlinkIngestConfig.SELECT))
            + " from "
            + ingest.server()
            + " (Ctrl-C to stop)");
    Shutdown.awaitSignal(
        () -> {
          ingest.close();
          if (metrics != null) {
            metrics.close();
          }
        });
    return 0;
  }
}
