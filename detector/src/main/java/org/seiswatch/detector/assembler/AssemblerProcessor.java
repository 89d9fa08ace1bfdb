package org.seiswatch.detector.assembler;

import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.seiswatch.common.model.DeadLetter;
import org.seiswatch.common.model.DeadLetterOrigin;
import org.seiswatch.common.mseed.MiniSeed;
import org.seiswatch.common.mseed.MiniSeedRecord;
import org.seiswatch.detector.internal.DataTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams processor of {@code seis.raw}: parses and decodes each miniSEED record (v2/v3,
 * Steim-1/2 and the other encodings {@link MiniSeed} supports), runs the per-channel {@link
 * ChannelAssembler} with its state in the {@value #STORE} store and forwards contiguous {@link
 * SampleBlock}s keyed {@code NET.STA} with the block start as timestamp. A record that does not
 * parse or decode is forwarded as a {@link RejectedRecord} (stage {@value #STAGE}) and processing
 * goes on.
 */
public final class AssemblerProcessor
    implements Processor<String, byte[], String, AssemblerOutput> {
  public static final String STORE = "assembler-channels";
  public static final String STAGE = "detector.assembler";
  private static final Logger LOG = LoggerFactory.getLogger(AssemblerProcessor.class);

  private final ChannelAssembler assembler;
  private ProcessorContext<String, AssemblerOutput> context;
  private KeyValueStore<String, ChannelState> store;

  public AssemblerProcessor(double maxLatenessSeconds) {
    this.assembler = new ChannelAssembler(maxLatenessSeconds);
  }

  @Override
  public void init(ProcessorContext<String, AssemblerOutput> context) {
    this.context = context;
    this.store = context.getStateStore(STORE);
  }

  @Override
  public void process(Record<String, byte[]> raw) {
    MiniSeedRecord record;
    double[] samples;
    try {
      if (raw.value() == null) {
        throw new IllegalArgumentException("empty record (null value)");
      }
      record = MiniSeed.parse(raw.value());
      samples = MiniSeed.decode(record);
    } catch (RuntimeException e) {
      // Any failure of a third-party decoder on corrupt bytes is a bad record, not a crash.
      reject(raw, e);
      return;
    }
    String channel = record.streamId().toString();
    ChannelState state = store.get(channel);
    if (state == null) {
      state = new ChannelState();
    }
    List<SampleBlock> blocks = assembler.offer(state, record, samples);
    store.put(channel, state);
    String key = record.streamId().stationKey();
    for (SampleBlock block : blocks) {
      context.forward(
          new Record<>(key, (AssemblerOutput) block, DataTime.toMillis(block.startNanos())));
    }
  }

  private void reject(Record<String, byte[]> raw, RuntimeException e) {
    DeadLetterOrigin origin =
        context
            .recordMetadata()
            .map(AssemblerProcessor::originOf)
            .orElse(new DeadLetterOrigin(null, null, null, null, null, null, null));
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    LOG.warn(
        "bad raw record at {}-{}@{} (key {}): {}",
        origin.topic(),
        origin.partition(),
        origin.offset(),
        raw.key(),
        reason);
    DeadLetter letter =
        new DeadLetter(
            STAGE,
            reason,
            origin,
            raw.value(),
            Instant.ofEpochMilli(context.currentSystemTimeMs()));
    String key = raw.key() == null ? "unknown" : raw.key();
    context.forward(
        new Record<>(key, (AssemblerOutput) new RejectedRecord(letter), raw.timestamp()));
  }

  private static DeadLetterOrigin originOf(RecordMetadata m) {
    return DeadLetterOrigin.ofTopic(m.topic(), m.partition(), m.offset());
  }
}
