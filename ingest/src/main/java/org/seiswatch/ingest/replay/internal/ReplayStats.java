package org.seiswatch.ingest.replay.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.seiswatch.common.model.StreamId;
import org.seiswatch.common.mseed.MiniSeedRecord;
import org.seiswatch.ingest.replay.ReplaySummary;

/** Running counts of one replay, turned into its {@link ReplaySummary} at the end. */
public final class ReplayStats {
  private final Set<StreamId> streams = new HashSet<>();
  private long records;
  private long bytes;
  private long deadLetters;
  private Instant firstSample;
  private Instant lastSample;
  private Instant dataTime;

  public void record(MiniSeedRecord record) {
    records++;
    bytes += record.length();
    streams.add(record.streamId());
    Instant start = record.startTime();
    Instant last =
        record.sampleCount() > 0 && record.sampleRate() > 0
            ? start.plus(
                MiniSeedRecord.samplesToDuration(record.sampleCount() - 1L, record.sampleRate()))
            : start;
    firstSample = firstSample == null || start.isBefore(firstSample) ? start : firstSample;
    lastSample = lastSample == null || last.isAfter(lastSample) ? last : lastSample;
    dataTime = start;
  }

  public void deadLetter() {
    deadLetters++;
  }

  public long records() {
    return records;
  }

  public long deadLetters() {
    return deadLetters;
  }

  /** Start time of the latest record replayed: how far the replay has got in data time. */
  public Instant dataTime() {
    return dataTime;
  }

  public ReplaySummary summary(int files, int stations, Duration elapsed, boolean completed) {
    return new ReplaySummary(
        files,
        records,
        bytes,
        deadLetters,
        stations,
        streams.size(),
        firstSample,
        lastSample,
        elapsed,
        completed);
  }
}
