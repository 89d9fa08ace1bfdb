package org.seiswatch.detector.phasenet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seiswatch.common.model.StreamId;
import org.seiswatch.detector.assembler.SampleBlock;
import org.seiswatch.detector.internal.BinaryReader;

/**
 * What {@link PhaseNetStateStore} writes while a station streams (three components of Gaussian
 * noise in integer counts, 100 Hz, blocks of about a 512-byte Steim-2 record, like the benchmark's
 * synthetic stations): per record a small header and the new samples, chunks deleted once nothing
 * needs them, a segment's chunks deleted at a gap.
 */
class PhaseNetStateStoreTest {
  private static final String STATION = "XX.STA";
  private static final String INSTRUMENT = "XX.STA..HH";
  private static final long PERIOD = 10_000_000L;
  private static final long BASE = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli() / 10;
  private static final int[] BLOCK = {412, 388, 401};
  private static PhasePicker picker;
  private static MicroBatcher batcher;

  @BeforeAll
  static void open() {
    picker = OnnxPhasePicker.open(ModelFiles.bundled(), 1);
    batcher = MicroBatcher.start(picker, 8, 0);
  }

  @AfterAll
  static void close() {
    batcher.close();
    picker.close();
  }

  /** Three noise components, block by block in time order, like a stream thread reads them. */
  private static final class Noise {
    private final Random random = new Random(7);
    private final long[] next = {BASE, BASE, BASE};

    /**
     * Streams until every component reaches {@code until} (absolute sample); {@code afterRecord}
     * runs after each record.
     */
    void streamUntil(long until, ProcessorHarness h, Runnable afterRecord) {
      while (true) {
        int c = 0;
        for (int k = 1; k < 3; k++) {
          if (next[k] < next[c]) {
            c = k;
          }
        }
        if (next[c] >= until) {
          return;
        }
        int n = (int) Math.min(BLOCK[c], until - next[c]);
        double[] samples = new double[n];
        for (int i = 0; i < n; i++) {
          samples[i] = Math.round(random.nextGaussian() * 1000);
        }
        StreamId id = new StreamId("XX", "STA", "", "HH" + "ENZ".charAt(c));
        h.process(new SampleBlock(id, next[c] * PERIOD, 100.0, samples));
        afterRecord.run();
        next[c] += n;
      }
    }

    /** Skips {@code samples} samples of every component (a gap). */
    void skip(long samples) {
      for (int c = 0; c < 3; c++) {
        next[c] += samples;
      }
    }
  }

  private record Chunk(long start, long end) {}

  /** The instrument's chunks in the samples store, in key order. */
  private static List<Chunk> chunks(ProcessorHarness h) {
    List<Chunk> out = new ArrayList<>();
    for (String key : h.sampleKeys()) {
      if (key.startsWith(INSTRUMENT + "|raw|")) {
        BinaryReader r = new BinaryReader(h.samples.get(key));
        long start = r.readLong();
        assertEquals(PhaseNetStateStore.rawKey(INSTRUMENT, start), key);
        out.add(new Chunk(start, start + r.readInt()));
      }
    }
    return out;
  }

  private static StreamingStacker stored(ProcessorHarness h) {
    return new PhaseNetStateStore(h.headers, h.samples)
        .load(STATION)
        .instruments
        .get(INSTRUMENT)
        .stacker;
  }

  @Test
  void shouldKeepOnlyTheChunksCoveringTheKeptSamplesWhenStreamingMinutes() {
    try (ProcessorHarness h = new ProcessorHarness(batcher, PhaseNetSettings.DEFAULT_STACK)) {
      h.station("XX", "STA", "HH");
      // every record that completes samples appends them to the stacker: one chunk each (the
      // segment's first is left out: long deleted by the end)
      List<Chunk> written = new ArrayList<>();
      long[] end = {Long.MIN_VALUE};
      new Noise()
          .streamUntil(
              BASE + 5 * 60 * 100,
              h,
              () -> {
                StreamingStacker s = stored(h);
                long now = s == null ? Long.MIN_VALUE : s.nextSample();
                if (now > end[0] && end[0] != Long.MIN_VALUE) {
                  written.add(new Chunk(end[0], now));
                }
                if (now > end[0]) {
                  end[0] = now;
                }
              });

      StreamingStacker stacker = stored(h);
      List<Chunk> kept = written.stream().filter(k -> k.end() > stacker.rawStart()).toList();
      // exactly the chunks holding a sample from the first one kept to the last one received
      assertEquals(kept, chunks(h));
      assertThat(kept.get(0).start()).isLessThanOrEqualTo(stacker.rawStart());
      assertEquals(stacker.nextSample(), kept.get(kept.size() - 1).end());
      assertThat(written).hasSizeGreaterThan(10 * kept.size());
      assertEquals(
          List.of(INSTRUMENT + "|acc"),
          h.sampleKeys().stream().filter(k -> !k.contains("|raw|")).toList());
    }
  }

  @Test
  void shouldWriteASmallHeaderAndOnlyTheNewSamplesWhenARecordArrives() {
    try (ProcessorHarness h = new ProcessorHarness(batcher, PhaseNetSettings.DEFAULT_STACK)) {
      h.station("XX", "STA", "HH");
      List<Long> headers = new ArrayList<>();
      long[] total = {0};
      Noise noise = new Noise();
      noise.streamUntil(BASE + 60 * 100, h, () -> total[0] = h.headerBytes.get());
      long samplesBefore = h.sampleBytes.get();
      noise.streamUntil(
          BASE + 4 * 60 * 100,
          h,
          () -> {
            headers.add(h.headerBytes.get() - total[0]);
            total[0] = h.headerBytes.get();
          });

      int records = headers.size();
      double samplesPerRecord = (double) (h.sampleBytes.get() - samplesBefore) / records;
      double perRecord = headers.stream().mapToLong(Long::longValue).average().orElseThrow();
      assertThat(headers).allMatch(b -> b < 8 * 1024);
      assertThat(perRecord + samplesPerRecord).isLessThan(12 * 1024);
      // the whole state, what the single-value layout wrote per record, is far larger: its raw
      // samples alone (3 channels of doubles)
      StreamingStacker stacker = stored(h);
      long wholeRaw = 3 * 8 * (stacker.nextSample() - stacker.rawStart());
      assertThat(wholeRaw).isGreaterThan(4 * 12 * 1024);
    }
  }

  @Test
  void shouldDeleteASegmentsChunksAndAccumulatorsWhenAGapEndsIt() {
    try (ProcessorHarness h = new ProcessorHarness(batcher, PhaseNetSettings.DEFAULT_STACK)) {
      h.station("XX", "STA", "HH");
      Noise noise = new Noise();
      noise.streamUntil(BASE + 2 * 60 * 100, h, () -> {});
      long firstSegment = stored(h).segmentStart();
      noise.skip(60 * 100);
      noise.streamUntil(BASE + 4 * 60 * 100, h, () -> {});
      h.restart();
      noise.streamUntil(BASE + 5 * 60 * 100, h, () -> {});

      StreamingStacker stacker = stored(h);
      assertThat(stacker.segmentStart()).isGreaterThanOrEqualTo(BASE + 3 * 60 * 100);
      assertThat(firstSegment).isLessThan(BASE + 2 * 60 * 100);
      assertThat(chunks(h)).allMatch(k -> k.start() >= stacker.segmentStart());
      assertEquals(stacker.nextSample(), chunks(h).get(chunks(h).size() - 1).end());
      assertThat(h.sampleKeys()).filteredOn(k -> k.endsWith("|acc")).hasSize(1);
    }
  }
}
