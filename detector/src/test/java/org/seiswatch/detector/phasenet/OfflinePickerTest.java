package org.seiswatch.detector.phasenet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seiswatch.common.demo.DemoEvent;
import org.seiswatch.common.model.Phase;
import org.seiswatch.common.model.Pick;
import org.seiswatch.common.mseed.MiniSeedRecord;

class OfflinePickerTest {
  /** STA/LTA P onsets of the bundled event (detector/README.md). */
  private static final Map<String, String> STALTA_P =
      Map.of(
          "HUAD", "03:09:06.34",
          "TOUO", "03:09:08.75",
          "MOKD", "03:09:09.15",
          "HSSD", "03:09:09.525",
          "MLOD", "03:09:11.07",
          "HOVE", "03:09:12.67");

  @TempDir Path dir;

  @Test
  void shouldPickPAndSAtEveryStationWhenPickingTheBundledEvent() throws IOException {
    DemoEvent.extractTo(dir);
    List<MiniSeedRecord> records = new ArrayList<>();
    for (String name : DemoEvent.waveformFiles()) {
      records.addAll(OfflinePicker.read(dir.resolve(name)));
    }
    List<Pick> picks;
    try (PhasePicker model = OnnxPhasePicker.open(ModelFiles.bundled(), 1)) {
      picks = new OfflinePicker(model, PhaseNetSettings.DEFAULT_STACK, 16).pick(records);
    }
    for (Map.Entry<String, String> e : STALTA_P.entrySet()) {
      Instant stalta = Instant.parse("2019-04-14T" + e.getValue() + "Z");
      List<Pick> station =
          picks.stream().filter(p -> p.site().station().equals(e.getKey())).toList();
      assertThat(station)
          .as(e.getKey() + " P near the STA/LTA onset")
          .anyMatch(
              p ->
                  p.phase() == Phase.P
                      && Duration.between(stalta, p.time()).abs().toMillis() <= 300);
    }
    // S within 10 s after the P at the three farther stations (S-P 5.1, 6.9, 7.5 s); at HUAD,
    // TOUO and HSSD the S probability stays below the 0.3 threshold
    for (String sta : List.of("MOKD", "MLOD", "HOVE")) {
      Instant p = Instant.parse("2019-04-14T" + STALTA_P.get(sta) + "Z");
      assertThat(picks)
          .as(sta + " S after the P")
          .anyMatch(
              k ->
                  k.site().station().equals(sta)
                      && k.phase() == Phase.S
                      && k.time().isAfter(p.plusSeconds(2))
                      && k.time().isBefore(p.plusSeconds(10)));
    }
    Pick first = picks.stream().filter(p -> p.site().station().equals("HUAD")).findFirst().get();
    assertEquals("phasenet", first.picker());
    assertEquals("HHZ", first.site().channel());
    assertThat(first.id()).startsWith("HV.HUAD..HHZ.");
  }

  @Test
  void shouldRefuseAFileWhenItIsNotMiniSeed() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.mseed"), "x".repeat(600));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> OfflinePicker.read(bad))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("bad.mseed at byte 0");
  }
}
