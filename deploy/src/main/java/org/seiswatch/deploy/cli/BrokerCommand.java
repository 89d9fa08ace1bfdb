package org.seiswatch.deploy.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.seiswatch.deploy.broker.BrokerSettings;
import org.seiswatch.deploy.broker.EmbeddedKafka;
import org.seiswatch.deploy.broker.TopicAdmin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seiswatch broker}: the embedded broker on its own, for running the services as separate
 * JVMs.
 */
@Command(
    name = "broker",
    mixinStandardHelpOptions = true,
    description = {
      "Run an embedded single-node Kafka broker (KRaft mode, broker and controller in this JVM), create the"
          + " Seiswatch topics, and serve until Ctrl-C.",
      "Data persist in --data-dir across restarts. For production use an existing Kafka cluster and pass"
          + " --bootstrap-servers to the other commands."
    })
public final class BrokerCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "9092",
      description = "Client port (default: ${DEFAULT-VALUE}; 0 = any free port).")
  int port;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description = "Address to listen on and advertise to clients (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "seiswatch-data/broker",
      description = "Broker storage; formatted on first use (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Override
  public Integer call() throws InterruptedException {
    EmbeddedKafka kafka = new EmbeddedKafka(new BrokerSettings(dataDir, port, host));
    kafka.start();
    TopicAdmin.createMissing(kafka.bootstrapServers(), (short) 1);
    System.out.println("Kafka broker ready at " + kafka.bootstrapServers() + " (Ctrl-C to stop)");
    Shutdown.awaitSignal(kafka::close);
    return 0;
  }
}
