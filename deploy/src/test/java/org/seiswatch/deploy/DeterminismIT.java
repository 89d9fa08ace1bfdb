package org.seiswatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.seiswatch.common.model.Detection;
import org.seiswatch.deploy.demo.Demo;
import org.seiswatch.deploy.demo.DemoSettings;

/**
 * Replaying the same files twice into fresh brokers gives the same picks and the same event ids.
 */
class DeterminismIT {

  private record Run(List<String> picks, List<String> eventIds) {}

  private static Run replayOnce() throws Exception {
    PrintStream quiet =
        new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    try (Demo demo = new Demo(DemoSettings.forTests(), quiet)) {
      demo.start();
      demo.replay();
      assertTrue(demo.awaitSettled(Duration.ofMinutes(3)), "pipeline did not settle with an event");
      List<String> picks =
          demo.picks().stream()
              .map(p -> p.id() + " " + p.site().streamId() + " " + p.phase() + " " + p.time())
              .sorted()
              .toList();
      List<String> events =
          demo.events().stream()
              .map(Detection::id)
              .distinct()
              .sorted()
              .collect(Collectors.toList());
      return new Run(picks, events);
    }
  }

  @Test
  void shouldGiveIdenticalPicksAndEventIdsWhenSameFilesAreReplayedTwice() throws Exception {
    Run first = replayOnce();
    Run second = replayOnce();

    assertThat(first.picks()).isNotEmpty();
    assertThat(first.eventIds()).isNotEmpty();
    assertEquals(first.picks(), second.picks());
    assertEquals(first.eventIds(), second.eventIds());
  }
}
