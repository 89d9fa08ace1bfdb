package org.seiswatch.detector.assembler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.seiswatch.common.mseed.MiniSeed;
import org.seiswatch.common.mseed.MiniSeedRecord;
import org.seiswatch.detector.internal.DataTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the decoded records of one channel, in whatever order they arrive, into contiguous sample
 * blocks: records that continue the channel are forwarded at once; records and parts of records
 * already forwarded (exact duplicates, overlaps) are dropped; a record that starts after a hole is
 * held until the hole fills or until the channel's newest data is more than the configured lateness
 * (data seconds) past the hole, when the gap is declared and counted. All decisions use data time
 * and the per-channel arrival order only, so a replay gives the same blocks.
 */
public final class ChannelAssembler {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelAssembler.class);

  private final long latenessNanos;

  public ChannelAssembler(double maxLatenessSeconds) {
    this.latenessNanos = DataTime.seconds(maxLatenessSeconds);
  }

  /**
   * Offers one parsed record and its decoded samples; updates {@code state} and returns the blocks
   * that are now contiguous, in time order.
   */
  public List<SampleBlock> offer(ChannelState state, MiniSeedRecord record, double[] samples) {
    List<SampleBlock> out = new ArrayList<>();
    double rate = record.sampleRate();
    if (samples.length == 0 || !(rate > 0)) {
      return out;
    }
    long start = DataTime.toNanos(record.startTime());
    long end = start + DataTime.sampleOffset(samples.length, rate);
    if (state.expectedNext == DataTime.NONE || rate != state.sampleRate) {
      restart(state, rate, start);
    }
    state.newestEnd = state.newestEnd == DataTime.NONE ? end : Math.max(state.newestEnd, end);
    long half = halfSample(state);
    if (start <= state.expectedNext + half) {
      emit(state, record, start, samples, out);
    } else {
      hold(state, start, end, record.bytes());
    }
    drain(state, out);
    while (!state.held.isEmpty() && state.newestEnd - state.expectedNext > latenessNanos) {
      ChannelState.Held first = state.held.remove(0);
      state.gaps++;
      LOG.info(
          "{}: gap of {} s before {}",
          record.streamId(),
          (first.start() - state.expectedNext) / 1e9,
          DataTime.toInstant(first.start()));
      state.expectedNext = first.start();
      emitHeld(state, first, out);
      drain(state, out);
    }
    return out;
  }

  private static void restart(ChannelState state, double rate, long start) {
    if (state.expectedNext != DataTime.NONE) {
      LOG.info(
          "sample rate changed from {} to {} Hz: restarting the channel", state.sampleRate, rate);
    }
    state.sampleRate = rate;
    state.expectedNext = start;
    state.newestEnd = DataTime.NONE;
    state.held.clear();
  }

  private static long halfSample(ChannelState state) {
    return DataTime.sampleOffset(1, state.sampleRate) / 2;
  }

  private static void hold(ChannelState state, long start, long end, byte[] bytes) {
    for (ChannelState.Held h : state.held) {
      if (h.start() == start) {
        state.duplicates++;
        return;
      }
    }
    state.held.add(new ChannelState.Held(start, end, bytes));
    state.held.sort(Comparator.comparingLong(ChannelState.Held::start));
  }

  private static void drain(ChannelState state, List<SampleBlock> out) {
    while (!state.held.isEmpty()
        && state.held.get(0).start() <= state.expectedNext + halfSample(state)) {
      emitHeld(state, state.held.remove(0), out);
    }
  }

  private static void emitHeld(ChannelState state, ChannelState.Held held, List<SampleBlock> out) {
    // Held records were parsed and decoded once already; decoding again is deterministic.
    MiniSeedRecord record = MiniSeed.parse(held.bytes());
    emit(state, record, held.start(), MiniSeed.decode(record), out);
  }

  /** Forwards what is new in a record that starts at or before the expected time. */
  private static void emit(
      ChannelState state,
      MiniSeedRecord record,
      long start,
      double[] samples,
      List<SampleBlock> out) {
    long half = halfSample(state);
    int skip = 0;
    if (start < state.expectedNext - half) {
      skip =
          (int)
              Math.min(
                  samples.length,
                  Math.round((state.expectedNext - start) * state.sampleRate / 1e9));
    }
    if (skip >= samples.length) {
      state.duplicates++;
      return;
    }
    long blockStart = start + DataTime.sampleOffset(skip, state.sampleRate);
    double[] fresh = skip == 0 ? samples : Arrays.copyOfRange(samples, skip, samples.length);
    out.add(new SampleBlock(record.streamId(), blockStart, state.sampleRate, fresh));
    state.expectedNext = start + DataTime.sampleOffset(samples.length, state.sampleRate);
  }
}
