package org.seiswatch.detector.assembler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seiswatch.common.demo.DemoEvent;
import org.seiswatch.common.mseed.MiniSeed;
import org.seiswatch.common.mseed.MiniSeedRecord;
import org.seiswatch.detector.DemoRecords;
import org.seiswatch.detector.internal.DataTime;

class ChannelAssemblerTest {
  private static final List<MiniSeedRecord> RECORDS =
      DemoRecords.split(DemoEvent.read(DemoEvent.waveformFiles().get(2))).stream()
          .limit(8)
          .map(r -> MiniSeed.parse(r.bytes()))
          .toList();

  private static List<SampleBlock> offer(
      ChannelAssembler assembler, ChannelState state, int... indices) {
    List<SampleBlock> out = new ArrayList<>();
    for (int i : indices) {
      MiniSeedRecord r = RECORDS.get(i);
      out.addAll(assembler.offer(state, r, MiniSeed.decode(r)));
    }
    return out;
  }

  private static long start(int index) {
    return DataTime.toNanos(RECORDS.get(index).startTime());
  }

  @Test
  void shouldForwardInOrderWhenARecordArrivesLate() {
    ChannelState state = new ChannelState();

    List<SampleBlock> blocks = offer(new ChannelAssembler(60), state, 0, 2, 1, 3);

    assertEquals(
        List.of(start(0), start(1), start(2), start(3)),
        blocks.stream().map(SampleBlock::startNanos).toList());
    assertEquals(0, state.gaps());
    assertEquals(DataTime.toNanos(RECORDS.get(3).nextStartTime()), state.expectedNext());
  }

  @Test
  void shouldDropAnExactDuplicateWhenItArrivesAgain() {
    ChannelState state = new ChannelState();

    List<SampleBlock> blocks = offer(new ChannelAssembler(60), state, 0, 1, 1, 0, 2);

    assertEquals(3, blocks.size());
    assertEquals(2, state.duplicates());
  }

  @Test
  void shouldDeclareAGapWhenTheHoleOutlastsTheLateness() {
    ChannelState state = new ChannelState();

    List<SampleBlock> blocks = offer(new ChannelAssembler(5), state, 0, 2, 3, 4, 5);

    assertEquals(
        List.of(start(0), start(2), start(3), start(4), start(5)),
        blocks.stream().map(SampleBlock::startNanos).toList());
    assertEquals(1, state.gaps());
    assertEquals(0, state.heldRecords());
  }

  @Test
  void shouldHoldRecordsAfterAHoleWhileWithinTheLateness() {
    ChannelState state = new ChannelState();

    List<SampleBlock> blocks = offer(new ChannelAssembler(3600), state, 0, 2, 3);

    assertEquals(1, blocks.size());
    assertEquals(2, state.heldRecords());
    assertThat(ChannelStateSerde.fromBytes(ChannelStateSerde.toBytes(state)).heldRecords())
        .isEqualTo(2);
  }
}
