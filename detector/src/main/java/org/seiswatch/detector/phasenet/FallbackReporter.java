package org.seiswatch.detector.phasenet;

import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.seiswatch.common.model.StationHealth;
import org.seiswatch.common.model.StreamId;
import org.seiswatch.detector.assembler.SampleBlock;
import org.seiswatch.detector.internal.DataTime;

/**
 * Tells operators, on {@code seis.health}, which channels PhaseNet cannot take: for a block whose
 * rate is neither the model's nor one the {@link Resampler} converts, a {@link StationHealth} keyed
 * {@code NET.STA} whose {@code status} names the channel, its rate and that {@link
 * PhaseNetProcessor} picks it with STA/LTA instead. Sent when a channel is first seen at such a
 * rate and again every {@code repeatMs} of wall clock while it stays so (records on {@code
 * seis.health} are kept a day). Counters ({@code packets}, {@code gaps}) are the ingest's business
 * and stay 0 here; {@code lastPacket} and {@code latencySeconds} are left out.
 */
public final class FallbackReporter
    implements Processor<String, SampleBlock, String, StationHealth> {
  /** Prefix of the status text, for dashboards and alerting rules. */
  public static final String STATUS_PREFIX = "picker fallback: ";

  private final double modelRate;
  private final long repeatMs;
  private final Map<String, Long> lastSent = new HashMap<>();
  private ProcessorContext<String, StationHealth> context;

  public FallbackReporter(double modelRate, long repeatMs) {
    this.modelRate = modelRate;
    this.repeatMs = repeatMs;
  }

  @Override
  public void init(ProcessorContext<String, StationHealth> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, SampleBlock> record) {
    SampleBlock block = record.value();
    if (Math.abs(block.sampleRate() - modelRate) < 1e-6
        || Resampler.supports(block.sampleRate(), modelRate)) {
      return;
    }
    StreamId id = block.streamId();
    long now = context.currentSystemTimeMs();
    Long last = lastSent.get(id.toString());
    if (last != null && now - last < repeatMs) {
      return;
    }
    lastSent.put(id.toString(), now);
    String status =
        String.format(
            Locale.ROOT,
            "%s%s at %s Hz is not the PhaseNet model's %s Hz; %s",
            STATUS_PREFIX,
            id,
            rate(block.sampleRate()),
            rate(modelRate),
            id.component() == 'Z'
                ? "picked with STA/LTA (P only)"
                : "not picked (STA/LTA uses the vertical only)");
    StationHealth health =
        new StationHealth(
            id.stationKey(),
            Instant.ofEpochMilli(now),
            null,
            DataTime.toInstant(block.endNanos()),
            null,
            0,
            0,
            status);
    context.forward(new Record<>(id.stationKey(), health, record.timestamp()));
  }

  private static String rate(double hz) {
    return hz == Math.rint(hz) ? String.valueOf((long) hz) : String.valueOf(hz);
  }
}
