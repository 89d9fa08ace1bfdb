package org.seiswatch.deploy.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.seiswatch.alerts.AlertService;
import org.seiswatch.alerts.AlertsConfig;
import org.seiswatch.deploy.broker.TopicAdmin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seiswatch alerts}: the alert service as its own process. */
@Command(
    name = "alerts",
    mixinStandardHelpOptions = true,
    description = {
      "Run the alert service until Ctrl-C: consume event versions from seis.events, publish each as an alert"
          + " on seis.alerts, log one line per version, and serve HTTP: GET /health, GET /metrics,"
          + " GET /api/events (since, until, bounding box, format=json|geojson|quakeml), GET /api/events/{id},"
          + " GET /api/feed (Server-Sent Events), /api/subscriptions (API key required).",
      "Records that cannot be read go to seis.deadletter with the reason."
    })
public final class AlertsCommand implements Callable<Integer> {
  @Mixin KafkaOptions kafka;
  @Mixin ServiceSettings settings;

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      defaultValue = "8080",
      description = "HTTP port of the API (default: ${DEFAULT-VALUE}; 0 = any free port).")
  int httpPort;

  @Option(
      names = "--http-host",
      paramLabel = "ADDRESS",
      defaultValue = "0.0.0.0",
      description = "Address the HTTP API listens on (default: ${DEFAULT-VALUE}).")
  String httpHost;

  @Override
  public Integer call() throws InterruptedException {
    if (settings.listIfRequested(AlertsConfig.DEFINITION, System.out)) {
      return 0;
    }
    Map<String, Object> values = settings.load();
    values.put(AlertsConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    values.put(AlertsConfig.HTTP_PORT, httpPort);
    values.put(AlertsConfig.HTTP_HOST, httpHost);
    AlertsConfig config = AlertsConfig.from(values);
    TopicAdmin.createMissing(kafka.bootstrapServers(), kafka.replicationFactor());
    AlertService service = new AlertService(config);
    service.start();
    System.out.println("Alert service: HTTP on port " + service.httpPort() + " (Ctrl-C to stop)");
    Shutdown.awaitSignal(service::stop);
    return 0;
  }
}
