package org.seiswatch.alerts.waveform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.junit.jupiter.api.Test;
import org.seiswatch.alerts.Detections;
import org.seiswatch.alerts.store.EventStore;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.model.Pick;
import org.seiswatch.common.model.StreamId;

class WaveformServiceTest {
  private static final Instant ORIGIN = Detections.ORIGIN;
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private final EventStore store = new EventStore(10);
  private final WaveformService service =
      new WaveformService(
          store,
          () -> new MockConsumer<>("earliest"),
          Clock.fixed(NOW, ZoneOffset.UTC),
          new WaveformService.Settings(
              Duration.ofMinutes(10), Duration.ofMinutes(10), 1000, Duration.ofSeconds(1), 100));

  private static Segment trace(Instant start, double seconds) {
    double[] v = new double[(int) (seconds * 100)];
    for (int i = 0; i < v.length; i++) {
      v[i] = i % 50;
    }
    return new Segment(start, 100, v);
  }

  private static Map<String, List<Pick>> picksOf(Detection event) {
    return event.data().stream()
        .collect(Collectors.groupingBy(Pick::stationKey, TreeMap::new, Collectors.toList()));
  }

  @Test
  void shouldAssembleStationsNearestFirstWithVerticalFirstAndPicksWhenRecordsCoverTheWindow() {
    Detection event = Detections.version("sw1", 2, ORIGIN, 3);
    Instant from = ORIGIN.minusSeconds(30);
    Instant to = ORIGIN.plusSeconds(120);
    RawScan.Result scan =
        new RawScan.Result(
            Map.of(
                StreamId.parse("HV.ST1..HHN"), List.of(trace(from.minusSeconds(5), 160)),
                StreamId.parse("HV.ST1..HHZ"),
                    List.of(trace(from, 80), trace(from.plusSeconds(80), 80)),
                StreamId.parse("HV.ST0..HHZ"), List.of(trace(from, 150))),
            500,
            false);

    EventWaveforms out = service.assemble(event, picksOf(event), scan, from, to, false);

    assertEquals(
        List.of("HV.ST0", "HV.ST1", "HV.ST2"),
        out.stations().stream().map(EventWaveforms.StationTraces::station).toList());
    EventWaveforms.StationTraces st1 = out.stations().get(1);
    assertEquals(List.of(".HHZ", ".HHN"), st1.channels().stream().map(c -> c.channel()).toList());
    assertEquals(15_000, st1.channels().get(0).samples());
    assertThat(st1.channels().get(0).segments().get(0).t().length).isLessThanOrEqualTo(100);
    assertEquals("P", st1.picks().get(0).phase());
    assertEquals(4.0, st1.picks().get(0).offset(), 1e-9);
    assertEquals(0.05, st1.picks().get(0).residual());
    assertEquals(500, out.recordsScanned());
    // ST2 has no data yet, and the scan's time bound has not passed: data may still come.
    assertThat(out.stations().get(2).channels()).isEmpty();
    assertThat(out.complete()).isFalse();
  }

  @Test
  void shouldBeCompleteWhenEveryStationCoversTheWindowAndTheScanWasNotTruncated() {
    Detection event = Detections.version("sw1", 1, ORIGIN, 1);
    Instant from = ORIGIN.minusSeconds(30);
    Instant to = ORIGIN.plusSeconds(120);
    RawScan.Result scan =
        new RawScan.Result(
            Map.of(StreamId.parse("HV.ST0..HHZ"), List.of(trace(from, 150))), 9, false);
    RawScan.Result truncated = new RawScan.Result(scan.records(), 9, true);

    assertThat(service.assemble(event, picksOf(event), scan, from, to, false).complete()).isTrue();
    assertThat(service.assemble(event, picksOf(event), truncated, from, to, true).complete())
        .isFalse();
  }

  @Test
  void shouldAnswerNothingWhenTheEventIsUnknown() {
    assertEquals(Optional.empty(), service.waveforms("nope"));
  }
}
