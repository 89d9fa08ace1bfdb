package org.seiswatch.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A misspelt setting stops a command at once with the key and the setting it resembles, before
 * anything starts (no broker is needed or started here: the commands would otherwise run for
 * minutes or wait for Kafka).
 */
class SettingsCheckTest {
  private static String run(int expectedCode, String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = Cli.commandLine();
    cli.setErr(new PrintWriter(err));
    assertEquals(expectedCode, cli.execute(args), err.toString());
    return err.toString();
  }

  @Test
  void shouldStopTheDemoWhenASetKeyIsMisspelt() {
    assertThat(run(Cli.EXIT_CONFIG, "demo", "--once", "--set", "associator.station.quiet=60"))
        .contains("unknown detector setting 'associator.station.quiet'")
        .contains("did you mean 'associator.station.quiet.s'?");
  }

  @Test
  void shouldStopBenchLatencyWhenASetKeyIsMisspelt() {
    assertThat(run(Cli.EXIT_CONFIG, "bench", "latency", "--set", "phasenet.horizon=5"))
        .contains("unknown detector setting 'phasenet.horizon'")
        .contains("did you mean 'phasenet.horizon.s'?");
  }

  @Test
  void shouldStopTheDetectorWhenAConfigKeyIsUnknown() {
    // the check comes before any connection: the broker address is never used
    assertThat(
            run(
                Cli.EXIT_CONFIG,
                "detector",
                "--bootstrap-servers",
                "127.0.0.1:1",
                "--set",
                "picker.typ=stalta"))
        .contains("unknown detector setting 'picker.typ' (did you mean 'picker.type'?)");
  }
}
