package org.seiswatch.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seiswatch.common.model.DeadLetter;
import org.seiswatch.common.model.DeadLetterOrigin;
import org.seiswatch.common.model.Pick;
import org.seiswatch.common.topic.Topics;
import org.seiswatch.detector.assembler.AssemblerProcessor;

class DetectorPoisonPillTest {
  private static final Instant CUT = Instant.parse("2019-04-14T03:09:40Z");

  @TempDir Path stateDir;

  @Test
  void shouldDeadLetterACorruptRecordAndKeepPickingWhenOneArrivesBetweenGoodOnes() {
    List<DemoRecords.Raw> good =
        DemoRecords.inStartTimeOrder().stream().filter(r -> r.startTime().isBefore(CUT)).toList();
    int badAt = good.size() / 2;
    byte[] corrupt = good.get(badAt).bytes().clone();
    // Scramble data words of the first Steim frame: the record no longer decodes.
    for (int i = 80; i < 112; i++) {
      corrupt[i] = (byte) (corrupt[i] ^ 0x5A);
    }
    byte[] garbage =
        "not a miniSEED record at all, just text padding...."
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    try (TopologyFixture fx = new TopologyFixture(stateDir)) {
      fx.pipeStations(DemoRecords.stations());
      for (int i = 0; i < good.size(); i++) {
        if (i == badAt) {
          fx.raw.pipeInput("HV.HUAD", corrupt, good.get(i).startTime());
          fx.raw.pipeInput("HV.HUAD", garbage, good.get(i).startTime());
        }
        fx.pipe(good.get(i));
      }
      fx.flush();

      List<DeadLetter> letters = fx.deadLetters.readValuesToList();
      assertEquals(2, letters.size());
      assertEquals(AssemblerProcessor.STAGE, letters.get(0).stage());
      assertEquals(DeadLetterOrigin.ofTopic(Topics.RAW.name(), 0, badAt), letters.get(0).origin());
      assertThat(letters.get(0).reason()).contains("cannot decode samples");
      assertThat(letters.get(0).payload()).isEqualTo(corrupt);
      assertEquals(
          DeadLetterOrigin.ofTopic(Topics.RAW.name(), 0, badAt + 1), letters.get(1).origin());
      assertThat(letters.get(1).reason()).isNotBlank();
      List<String> stations =
          fx.picks.readValuesToList().stream().map(Pick::stationKey).distinct().toList();
      assertEquals(6, stations.size());
      assertEquals(1, fx.events.readValuesToList().stream().map(d -> d.id()).distinct().count());
      assertThat(fx.deadLetters.isEmpty()).isTrue();
    }
  }
}
