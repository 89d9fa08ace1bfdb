package org.seiswatch.deploy.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seiswatch.common.demo.DemoEvent;
import org.seiswatch.common.geo.Geo;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.model.Hypocenter;
import org.seiswatch.deploy.demo.Demo;
import org.seiswatch.deploy.demo.DemoSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seiswatch demo}: everything in one JVM on the bundled earthquake. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the whole pipeline in one JVM: an embedded single-node Kafka broker (KRaft), the detector and the"
          + " alert service, then replay the bundled earthquake hv70907436 (Mw 5.3, Island of Hawaii,"
          + " 2019-04-14 03:09:02 UTC; 6 stations x 3 components) and print each pick and event version as it"
          + " reaches Kafka.",
      "Without --once it keeps serving (HTTP API on --http-port) until Ctrl-C, then shuts down cleanly.",
      "Exit codes: 0 success; 1 with --once when no event was detected in time; 2 bad option or port in use."
    })
public final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--once",
      description =
          "Exit once the event is published and all input is consumed (0), or after --timeout (1).")
  boolean once;

  @Option(
      names = "--speed",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Replay at N times real time (1 = real time, the event takes 7.5 minutes); 0 = as fast as"
              + " possible (default: ${DEFAULT-VALUE}).")
  double speed;

  @Option(
      names = "--broker-port",
      paramLabel = "PORT",
      defaultValue = "9092",
      description =
          "Client port of the embedded broker (default: ${DEFAULT-VALUE}; 0 = any free port).")
  int brokerPort;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT[,...]",
      description = "Use this Kafka cluster instead of starting the embedded broker.")
  String bootstrapServers;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Keep broker and detector state here (default: a temporary directory deleted on exit).")
  Path dataDir;

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      defaultValue = "8080",
      description = "Port of the HTTP API (default: ${DEFAULT-VALUE}; 0 = any free port).")
  int httpPort;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "240",
      description =
          "With --once: give up after this long without a settled event (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Mixin DetectorOverrides detectorSettings;

  @Override
  public Integer call() throws Exception {
    DemoSettings settings =
        new DemoSettings(
            bootstrapServers,
            brokerPort,
            dataDir,
            httpPort,
            speed,
            Map.copyOf(detectorSettings.checked()));
    Demo demo = new Demo(settings, System.out);
    Thread closer = new Thread(demo::close, "seiswatch-demo-shutdown");
    Runtime.getRuntime().addShutdownHook(closer);
    try {
      demo.start();
      demo.replay();
      if (!once) {
        System.out.println("Serving until Ctrl-C.");
        Shutdown.awaitSignal(() -> {});
        return 0;
      }
      boolean settled = demo.awaitSettled(Duration.ofSeconds(timeoutSeconds));
      printSummary(demo.events());
      if (!settled) {
        System.out.println("No settled event within " + timeoutSeconds + " s.");
        return Cli.EXIT_FAILED;
      }
      return 0;
    } finally {
      if (once) {
        Runtime.getRuntime().removeShutdownHook(closer);
        demo.close();
      }
    }
  }

  private static void printSummary(List<Detection> versions) {
    List<Detection> latest =
        versions.stream()
            .collect(
                java.util.stream.Collectors.toMap(
                    Detection::id, d -> d, (a, b) -> b.version() > a.version() ? b : a))
            .values()
            .stream()
            .sorted(Comparator.comparing(Detection::id))
            .toList();
    System.out.printf(
        Locale.ROOT,
        "%d event(s). Catalog %s: origin %s lat %.3f lon %.3f depth %.1f km%n",
        latest.size(),
        DemoEvent.EVENT_ID,
        DemoEvent.ORIGIN_TIME,
        DemoEvent.LATITUDE,
        DemoEvent.LONGITUDE,
        DemoEvent.DEPTH_KM);
    for (Detection event : latest) {
      Hypocenter h = event.hypocenter();
      if (h == null) {
        continue;
      }
      System.out.printf(
          Locale.ROOT,
          "  %s v%d: epicentre %.1f km from the catalog's, depth %+.1f km, origin time %+.2f s%n",
          event.id(),
          event.version(),
          Geo.distanceKm(DemoEvent.LATITUDE, DemoEvent.LONGITUDE, h.latitude(), h.longitude()),
          h.depth() - DemoEvent.DEPTH_KM,
          Duration.between(DemoEvent.ORIGIN_TIME, h.time()).toMillis() / 1000.0);
    }
  }
}
