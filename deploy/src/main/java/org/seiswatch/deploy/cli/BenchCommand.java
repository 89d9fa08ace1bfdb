package org.seiswatch.deploy.cli;

import picocli.CommandLine.Command;

/** {@code seiswatch bench}: groups the benchmarks; each prints a table and, with --json, JSON. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmarks. Each prints its figures as a table on standard output and, with --json FILE,"
          + " writes them as JSON. Run them on an otherwise idle machine."
    },
    subcommands = {
      BenchAssociateCommand.class,
      BenchPickerCommand.class,
      BenchIngestCommand.class,
      BenchLatencyCommand.class,
      picocli.CommandLine.HelpCommand.class
    })
public final class BenchCommand {}
