package org.seiswatch.deploy.cli;

import org.seiswatch.common.error.SeiswatchException;
import picocli.CommandLine;

/**
 * Builds the picocli command line. Exit codes: 0 success, 1 the job ran but failed (for example the
 * demo saw no event), 2 bad usage, configuration or input (the message says which).
 */
public final class Cli {
  public static final int EXIT_FAILED = 1;
  public static final int EXIT_CONFIG = 2;

  private Cli() {}

  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new SeiswatchCommand());
    cli.setExecutionExceptionHandler(
        (e, command, parseResult) -> {
          if (e instanceof SeiswatchException) {
            command
                .getErr()
                .println("seiswatch " + command.getCommandName() + ": " + e.getMessage());
            return EXIT_CONFIG;
          }
          throw e;
        });
    return cli;
  }
}
