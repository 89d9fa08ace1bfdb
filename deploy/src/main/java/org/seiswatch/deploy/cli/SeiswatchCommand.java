package org.seiswatch.deploy.cli;

import picocli.CommandLine.Command;

/** Top-level {@code seiswatch} command: only lists the subcommands. */
@Command(
    name = "seiswatch",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Real-time seismic detection: miniSEED/SeedLink ingest -> Kafka -> Kafka Streams picking and"
          + " association -> alerts.",
      "",
      "Start with 'seiswatch demo': an embedded Kafka broker and every service in one JVM, replaying a real"
          + " earthquake."
    },
    subcommands = {
      DemoCommand.class,
      ReplayCommand.class,
      IngestCommand.class,
      SeedlinkServerCommand.class,
      DetectorCommand.class,
      AlertsCommand.class,
      PickCommand.class,
      BrokerCommand.class,
      BenchCommand.class,
      picocli.CommandLine.HelpCommand.class
    })
public final class SeiswatchCommand {}
