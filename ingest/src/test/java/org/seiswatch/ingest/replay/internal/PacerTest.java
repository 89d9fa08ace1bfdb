package org.seiswatch.ingest.replay.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seiswatch.common.mseed.MiniSeed;
import org.seiswatch.common.mseed.MiniSeedRecord;
import org.seiswatch.ingest.replay.FakeWallClock;
import org.seiswatch.ingest.replay.TestRecords;

class PacerTest {
  private static final List<MiniSeedRecord> RECORDS =
      TestRecords.huadHhz(4).stream().map(MiniSeed::parse).toList();

  private static Duration dataSpan(MiniSeedRecord record) {
    return Duration.between(RECORDS.get(0).startTime(), record.nextStartTime());
  }

  @Test
  void shouldReleaseEachRecordAtItsEndTimeDividedBySpeedWhenPaced() throws Exception {
    FakeWallClock clock = new FakeWallClock();
    Pacer pacer = new Pacer(4, clock, () -> false);

    for (MiniSeedRecord record : RECORDS) {
      pacer.await(record);

      assertEquals(dataSpan(record).toNanos() / 4, clock.nanoTime(), 1.0);
    }
  }

  @Test
  void shouldNotSleepWhenTheReplayIsAlreadyBehind() throws Exception {
    FakeWallClock clock = new FakeWallClock();
    Pacer pacer = new Pacer(1, clock, () -> false);
    pacer.await(RECORDS.get(0));
    clock.advance(Duration.ofMinutes(5));
    int sleeps = clock.sleeps().size();

    pacer.await(RECORDS.get(1));

    assertEquals(sleeps, clock.sleeps().size());
  }

  @Test
  void shouldNeverSleepWhenSpeedIsZero() throws Exception {
    FakeWallClock clock = new FakeWallClock();
    Pacer pacer = new Pacer(0, clock, () -> false);

    for (MiniSeedRecord record : RECORDS) {
      pacer.await(record);
    }

    assertEquals(List.of(), clock.sleeps());
  }

  @Test
  void shouldSleepInShortStepsSoThatStopIsSeenPromptly() throws Exception {
    FakeWallClock clock = new FakeWallClock();
    Pacer pacer = new Pacer(1, clock, () -> clock.nanoTime() >= 1_000_000_000L);

    pacer.await(RECORDS.get(0));

    assertThat(clock.sleeps()).allMatch(d -> d.compareTo(Pacer.MAX_SLEEP) <= 0);
    assertEquals(1_000_000_000L, clock.nanoTime());
  }

  @Test
  void shouldRejectNegativeSpeed() {
    FakeWallClock clock = new FakeWallClock();

    assertThatThrownBy(() -> new Pacer(-1, clock, () -> false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("speed -1");
  }
}
