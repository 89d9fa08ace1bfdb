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
import org.seiswatch.detector.internal.DataTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offline PhaseNet picking of miniSEED records ({@code seiswatch pick}) through the streaming rule
 * ({@link SegmentPicker}, {@link StreamingStacker}). Channels are grouped per instrument ({@code
 * NET.STA.LOC} + band and instrument code) and put on the model's sample grid; components map to
 * slots per {@link PhaseNetPicks#slotOf} (E/N/Z, 1/2/Z, or Z only, missing slots zero). A segment
 * is a run of grid samples where every component of the instrument has data: no window spans a gap,
 * so gaps split segments (gap filling is left to the streaming assembler). Channels at another rate
 * than the model's are skipped with a warning.
 */
public final class OfflinePicker {
  private static final Logger log = LoggerFactory.getLogger(OfflinePicker.class);

  private final ModelManifest manifest;
  private final SegmentPicker segments;

  public OfflinePicker(PhasePicker picker, StackSettings settings, int batchSize) {
    this.manifest = picker.manifest();
    this.segments = new SegmentPicker(picker, settings, batchSize);
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
    Map<String, Map<StreamId, List<MiniSeedRecord>>> instruments = new TreeMap<>();
    for (MiniSeedRecord r : records) {
      StreamId id = r.streamId();
      if (PhaseNetPicks.slotOf(id.component()) < 0) {
        continue;
      }
      if (Math.abs(r.sampleRate() - manifest.samplingRateHz()) > 1e-6) {
        log.warn(
            "{}: {} Hz is not the model's {} Hz; skipped",
            id,
            r.sampleRate(),
            manifest.samplingRateHz());
        continue;
      }
      String instrument =
          id.stationKey()
              + "."
              + id.location()
              + "."
              + id.channel().substring(0, id.channel().length() - 1);
      instruments
          .computeIfAbsent(instrument, k -> new TreeMap<>(Comparator.comparing(StreamId::toString)))
          .computeIfAbsent(id, k -> new ArrayList<>())
          .add(r);
    }
    List<Pick> picks = new ArrayList<>();
    for (Map<StreamId, List<MiniSeedRecord>> channels : instruments.values()) {
      picks.addAll(pickInstrument(channels));
    }
    picks.sort(Comparator.comparing(Pick::time).thenComparing(Pick::id));
    return picks;
  }

  private List<Pick> pickInstrument(Map<StreamId, List<MiniSeedRecord>> channels) {
    long period = DataTime.sampleOffset(1, manifest.samplingRateHz());
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    StreamId site = null;
    for (Map.Entry<StreamId, List<MiniSeedRecord>> e : channels.entrySet()) {
      for (MiniSeedRecord r : e.getValue()) {
        long start = Math.round(DataTime.toNanos(r.startTime()) / (double) period);
        first = Math.min(first, start);
        last = Math.max(last, start + r.sampleCount());
      }
      if (site == null || e.getKey().component() == 'Z' || e.getKey().component() == '3') {
        site = e.getKey();
      }
    }
    int n = (int) (last - first);
    double[][] grid = new double[ModelManifest.CHANNELS][];
    boolean[] present = new boolean[n];
    Arrays.fill(present, true);
    for (Map.Entry<StreamId, List<MiniSeedRecord>> e : channels.entrySet()) {
      double[] x = new double[n];
      Arrays.fill(x, Double.NaN);
      for (MiniSeedRecord r : e.getValue()) {
        double[] samples = MiniSeed.decode(r);
        int at = (int) (Math.round(DataTime.toNanos(r.startTime()) / (double) period) - first);
        System.arraycopy(samples, 0, x, at, Math.min(samples.length, n - at));
      }
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
      for (StreamingStacker.StackedPick k : segments.pick(segment, first + i)) {
        picks.add(
            PhaseNetPicks.of(
                site, k.phase(), DataTime.toInstant(k.index() * period), k.score(), manifest));
      }
      i = end;
    }
    return picks;
  }
}
