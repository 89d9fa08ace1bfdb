package org.seiswatch.alerts.waveform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentAssemblerTest {
  private static final Instant T0 = Instant.parse("2019-04-14T03:09:00Z");
  private static final Instant FAR = T0.plusSeconds(3600);

  private static Segment record(double startSeconds, double... samples) {
    return new Segment(T0.plusMillis(Math.round(startSeconds * 1000)), 10, samples);
  }

  @Test
  void shouldJoinContiguousRecordsInTimeOrderAndDropDuplicatesWhenOutOfOrder() {
    Segment a = record(0, 1, 2, 3);
    Segment b = record(0.3, 4, 5);
    Segment c = record(0.5, 6);

    List<Segment> out = SegmentAssembler.assemble(List.of(c, a, b, a), T0, FAR);

    assertEquals(1, out.size());
    assertEquals(T0, out.get(0).start());
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, out.get(0).samples());
  }

  @Test
  void shouldStartANewSegmentWhenARecordLeavesAGap() {
    List<Segment> out =
        SegmentAssembler.assemble(List.of(record(0, 1, 2), record(1.0, 3, 4)), T0, FAR);

    assertEquals(2, out.size());
    assertEquals(T0.plusSeconds(1), out.get(1).start());
  }

  @Test
  void shouldClipToTheWindowWhenRecordsStickOut() {
    List<Segment> out =
        SegmentAssembler.assemble(
            List.of(record(0, 1, 2, 3, 4, 5)), T0.plusMillis(150), T0.plusMillis(400));

    assertEquals(T0.plusMillis(200), out.get(0).start());
    assertArrayEquals(new double[] {3, 4}, out.get(0).samples());
  }

  @Test
  void shouldKeepOnlyTheNewSamplesWhenRecordsOverlap() {
    List<Segment> out =
        SegmentAssembler.assemble(List.of(record(0, 1, 2, 3), record(0.2, 3, 4)), T0, FAR);

    assertArrayEquals(new double[] {1, 2, 3, 4}, out.get(0).samples());
  }
}
