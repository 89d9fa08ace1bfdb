package org.seiswatch.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seiswatch.common.demo.DemoEvent;
import picocli.CommandLine;

class PickCommandTest {
  @TempDir Path dir;

  @Test
  void shouldWritePAndSPicksWhenPickingTheBundledEvent() throws Exception {
    DemoEvent.extractTo(dir);
    List<String> args =
        new ArrayList<>(List.of("pick", "--out", dir.resolve("picks.csv").toString()));
    DemoEvent.waveformFiles().forEach(f -> args.add(dir.resolve(f).toString()));
    int code = Cli.commandLine().execute(args.toArray(String[]::new));
    assertEquals(0, code);
    List<String> lines = Files.readAllLines(dir.resolve("picks.csv"));
    assertEquals(
        "id,station,channel,phase,time,probability,model,amplitude,period,snr", lines.get(0));
    assertThat(lines)
        .anyMatch(
            l ->
                l.matches(
                    "HV\\.HUAD\\.\\.HHZ\\.P\\.20190414T030906\\.[45]\\d\\dZ,HV.HUAD,HHZ,P,.*"))
        .anyMatch(l -> l.contains(",HV.HOVE,HHZ,S,"));
    // one P per station in the first seconds of the event (HUAD 06.5 ... HOVE 12.6)
    assertThat(lines.stream().filter(l -> l.matches(".*,P,2019-04-14T03:09:(0[5-9]|1[0-3]).*")))
        .hasSize(6);
    // every pick carries its onset amplitude in counts (the event is far above the noise)
    assertThat(lines.subList(1, lines.size()))
        .allSatisfy(l -> assertThat(Double.parseDouble(l.split(",", -1)[7])).isPositive())
        .anySatisfy(l -> assertThat(Double.parseDouble(l.split(",", -1)[9])).isGreaterThan(10));
  }

  @Test
  void shouldExitWithTheProblemWhenTheModelIsMissing() throws Exception {
    DemoEvent.extractTo(dir);
    StringWriter err = new StringWriter();
    CommandLine cli = Cli.commandLine();
    cli.setErr(new PrintWriter(err));
    int code =
        cli.execute(
            "pick",
            "--model",
            dir.resolve("none.onnx").toString(),
            dir.resolve(DemoEvent.waveformFiles().get(0)).toString());
    assertEquals(Cli.EXIT_CONFIG, code);
    assertThat(err.toString()).contains("model file not found").contains("none.onnx");
  }
}
