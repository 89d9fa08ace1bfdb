package org.seiswatch.deploy;

import org.seiswatch.deploy.cli.Cli;

/** The {@code seiswatch} command: parses options and runs one subcommand (see {@link Cli}). */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(Cli.commandLine().execute(args));
  }
}
