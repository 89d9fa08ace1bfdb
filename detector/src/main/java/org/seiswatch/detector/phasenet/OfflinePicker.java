package org.seiswatch.detector.phasenet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.seiswatch.common.error.InvalidRecordException;
import org.seiswatch.common.model.Pick;
import org.seiswatch.common.model.StreamId;
import org.seiswatch.common.mseed.MiniSeed;
import org.seiswatch.common.mseed.MiniSeedRecord;
import org.seiswatch.detector.DetectorConfig;
import org.seiswatch.detector.assembler.SampleBlock;
import org.seiswatch.detector.internal.DataTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offline PhaseNet picking of miniSEED records ({@code seiswatch pick}) through the streaming rule
 * ({@link SegmentPicker}, {@link StreamingStacker}). Channels are grouped per instrument ({@code
 * NET.STA.LOC} + band and instrument code) and put on the model's sample grid; components map to
 * slots per {@link PhaseNetPicks#slotOf} (E/N/Z, 1/2/Z, or Z only, missing slots zero). A segment
 * is a run of grid samples where every component of the instrument has data: no window spans a gap,
 * so gaps split segments; holes up to the stream's gap-fill limit are filled as the stream fills
 * them, so that the same records give the same picks offline and in the stream. Channels at another
 * rate from 10 to 1000 Hz are resampled to the model's ({@link Resampler}, as in the stream);
 * others are skipped with a warning.
 */
public final class OfflinePicker {
  private static final Logger log = LoggerFactory.getLogger(OfflinePicker.class);

  private final ModelManifest manifest;
  private final SegmentPicker segments;
  private final int maxFill;

  /** With the stream's default gap filling ({@value DetectorConfig#PHASENET_GAP_FILL_S}). */
  public OfflinePicker(PhasePicker picker, StackSettings settings, int batchSize) {
    this(
        picker,
        settings,
        batchSize,
        (int)
            Math.round(
                (Double)
                        DetectorConfig.DEFINITION
                            .defaultValues()
                            .get(DetectorConfig.PHASENET_GAP_FILL_S)
                    * picker.manifest().samplingRateHz()));
  }

  /**
   * @param maxFill longest hole in one component, in model samples, filled by linear interpolation
   *     as the stream fills it; longer holes split the segment
   */
  public OfflinePicker(PhasePicker picker, StackSettings settings, int batchSize, int maxFill) {
    if (maxFill < 0) {
      throw new IllegalArgumentException("max fill " + maxFill);
    }
    this.manifest = picker.manifest();
    this.segments = new SegmentPicker(picker, settings, batchSize);
    this.maxFill = maxFill;
  }

  /** Reads every record of a miniSEED file (v2 or v3, any record length). */
  public static List<MiniSeedRecord> read(Path file) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(file));
    List<MiniSeedRecord> records = new ArrayList<>();
    while (buffer.remaining() > 0) {
      int length;
      try {
        length = MiniSeed.recordLength(buffer);
      } catch (InvalidRecordException e) {
        throw new IOException(file + " at byte " + buffer.position() + ": " + e.getMessage(), e);
      }
      if (length > buffer.remaining()) {
        throw new IOException(file + ": truncated record at byte " + buffer.position());
      }
      byte[] bytes = new byte[length];
      buffer.get(bytes);
      records.add(MiniSeed.parse(bytes));
    }
    return records;
  }

  /** Picks P and S on all instruments of {@code records}, ordered by time then id. */
  public List<Pick> pick(Collection<MiniSeedRecord> records) {
    Map<StreamId, List<MiniSeedRecord>> byChannel =
        new TreeMap<>(Comparator.comparing(StreamId::toString));
    for (MiniSeedRecord r : records) {
      StreamId id = r.streamId();
      if (PhaseNetPicks.slotOf(id.component()) < 0) {
        continue;
      }
      boolean modelRate = Math.abs(r.sampleRate() - manifest.samplingRateHz()) <= 1e-6;
      if (!modelRate && !Resampler.supports(r.sampleRate(), manifest.samplingRateHz())) {
        log.warn(
            "{}: {} Hz is neither the model's {} Hz nor resampled (10-1000 Hz); skipped",
            id,
            r.sampleRate(),
            manifest.samplingRateHz());
        continue;
      }
      byChannel.computeIfAbsent(id, k -> new ArrayList<>()).add(r);
    }
    Map<String, Map<StreamId, List<SampleBlock>>> instruments = new TreeMap<>();
    for (Map.Entry<StreamId, List<MiniSeedRecord>> e : byChannel.entrySet()) {
      StreamId id = e.getKey();
      String instrument = id.instrument();
      instruments
          .computeIfAbsent(instrument, k -> new TreeMap<>(Comparator.comparing(StreamId::toString)))
          .put(id, blocks(id, e.getValue()));
    }
    List<Pick> picks = new ArrayList<>();
    for (Map.Entry<String, Map<StreamId, List<SampleBlock>>> e : instruments.entrySet()) {
      picks.addAll(pickInstrument(e.getKey(), e.getValue()));
    }
    picks.sort(Comparator.comparing(Pick::time).thenComparing(Pick::id));
    return picks;
  }

  /** The channel's samples at the model rate: decoded, and resampled when at another rate. */
  private List<SampleBlock> blocks(StreamId id, List<MiniSeedRecord> records) {
    List<MiniSeedRecord> sorted = new ArrayList<>(records);
    sorted.sort(Comparator.comparing(MiniSeedRecord::startTime));
    Resampler resampler = new Resampler(manifest.samplingRateHz());
    List<SampleBlock> out = new ArrayList<>();
    for (MiniSeedRecord r : sorted) {
      SampleBlock block =
          new SampleBlock(id, DataTime.toNanos(r.startTime()), r.sampleRate(), MiniSeed.decode(r));
      if (Math.abs(r.sampleRate() - manifest.samplingRateHz()) > 1e-6) {
        block = resampler.accept(block);
      }
      if (block != null) {
        out.add(block);
      }
    }
    return out;
  }

  /** First and end (exclusive) grid sample over the channels' blocks; null when they are empty. */
  private static long[] extent(Map<StreamId, List<SampleBlock>> channels, long period) {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (List<SampleBlock> blocks : channels.values()) {
      for (SampleBlock b : blocks) {
        long start = gridSample(b, period);
        first = Math.min(first, start);
        last = Math.max(last, start + b.size());
      }
    }
    return first == Long.MAX_VALUE ? null : new long[] {first, last};
  }

  /** A block's first sample on the model's absolute grid, rounded as the stream rounds it. */
  private static long gridSample(SampleBlock b, long period) {
    return Math.floorDiv(b.startNanos() + period / 2, period);
  }

  /**
   * One channel's blocks (in time order) on the grid from {@code first}, the way the stream lines
   * them up ({@link InstrumentState#add}): samples a block repeats are skipped, a hole of at most
   * {@link #maxFill} samples is filled by linear interpolation, a longer one stays missing (NaN).
   * So a record whose start is a fraction of a sample off (timing jitter rounding the other way)
   * does not split the segment here when the stream fills it.
   */
  private double[] place(List<SampleBlock> blocks, long first, int n, long period) {
    double[] x = new double[n];
    Arrays.fill(x, Double.NaN);
    int end = -1;
    for (SampleBlock b : blocks) {
      double[] samples = b.samples();
      int base = (int) (gridSample(b, period) - first);
      int skip = end < 0 ? 0 : Math.max(0, Math.min(samples.length, end - base));
      if (skip == samples.length) {
        continue;
      }
      int hole = end < 0 ? 0 : Math.max(0, base - end);
      if (hole > 0) {
        InstrumentState.fillHole(x, end, hole, x[end - 1], samples[skip], maxFill);
      }
      int at = base + skip;
      int count = Math.min(samples.length - skip, n - at);
      System.arraycopy(samples, skip, x, at, count);
      end = at + count;
    }
    return x;
  }

  private List<Pick> pickInstrument(String instrument, Map<StreamId, List<SampleBlock>> channels) {
    int phase = segments.settings().phaseOf(instrument);
    long period = DataTime.sampleOffset(1, manifest.samplingRateHz());
    long[] extent = extent(channels, period);
    if (extent == null) {
      return List.of();
    }
    long first = extent[0];
    long last = extent[1];
    StreamId site = null;
    for (StreamId id : channels.keySet()) {
      if (site == null || id.component() == 'Z' || id.component() == '3') {
        site = id;
      }
    }
    int n = (int) (last - first);
    double[][] grid = new double[ModelManifest.CHANNELS][];
    boolean[] present = new boolean[n];
    Arrays.fill(present, true);
    for (Map.Entry<StreamId, List<SampleBlock>> e : channels.entrySet()) {
      double[] x = place(e.getValue(), first, n, period);
      for (int i = 0; i < n; i++) {
        present[i] &= !Double.isNaN(x[i]);
      }
      grid[PhaseNetPicks.slotOf(e.getKey().component())] = x;
    }
    List<Pick> picks = new ArrayList<>();
    for (int i = 0; i < n; ) {
      if (!present[i]) {
        i++;
        continue;
      }
      int end = i;
      while (end < n && present[end]) {
        end++;
      }
      double[][] segment = new double[ModelManifest.CHANNELS][];
      for (int c = 0; c < segment.length; c++) {
        segment[c] = grid[c] == null ? new double[end - i] : Arrays.copyOfRange(grid[c], i, end);
      }
      for (StreamingStacker.StackedPick k : segments.pick(segment, first + i, phase)) {
        picks.add(PhaseNetPicks.of(site, k, manifest));
      }
      i = end;
    }
    return picks;
  }
}
