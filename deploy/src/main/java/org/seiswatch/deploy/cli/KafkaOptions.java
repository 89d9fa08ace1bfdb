package org.seiswatch.deploy.cli;

import picocli.CommandLine.Option;

/** Options every command that talks to an existing Kafka cluster shares. */
public final class KafkaOptions {
  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT[,...]",
      defaultValue = "localhost:9092",
      description =
          "Kafka cluster to use (default: ${DEFAULT-VALUE}, where 'seiswatch broker' listens).")
  String bootstrapServers;

  @Option(
      names = "--replication-factor",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Replication factor for topics this command creates when they are missing (default: ${DEFAULT-VALUE}).")
  short replicationFactor;

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public short replicationFactor() {
    return replicationFactor;
  }
}
