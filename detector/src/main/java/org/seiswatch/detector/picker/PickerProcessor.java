package org.seiswatch.detector.picker;

import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.seiswatch.common.model.Pick;
import org.seiswatch.detector.assembler.SampleBlock;
import org.seiswatch.detector.associator.AssociatorInput;
import org.seiswatch.detector.internal.DataTime;

/**
 * Kafka Streams processor running the {@link StaLtaPicker} on the vertical channels (component
 * {@code Z}; other components are skipped) with per-channel state in the {@value #STORE} store. For
 * every block it forwards the picks made, keyed {@code NET.STA} with the onset time as timestamp,
 * then a progress mark for the associator.
 */
public final class PickerProcessor
    implements Processor<String, SampleBlock, String, AssociatorInput> {
  public static final String STORE = "picker-channels";

  private final StaLtaPicker picker;
  private ProcessorContext<String, AssociatorInput> context;
  private KeyValueStore<String, StaLtaState> store;

  public PickerProcessor(StaLtaSettings settings) {
    this.picker = new StaLtaPicker(settings);
  }

  @Override
  public void init(ProcessorContext<String, AssociatorInput> context) {
    this.context = context;
    this.store = context.getStateStore(STORE);
  }

  @Override
  public void process(Record<String, SampleBlock> record) {
    SampleBlock block = record.value();
    if (block.streamId().component() != 'Z') {
      return;
    }
    String channel = block.streamId().toString();
    StaLtaState state = store.get(channel);
    if (state == null) {
      state = new StaLtaState();
    }
    List<Pick> picks = picker.process(state, block);
    store.put(channel, state);
    String station = block.streamId().stationKey();
    for (Pick pick : picks) {
      long ts = DataTime.toMillis(DataTime.toNanos(pick.time()));
      context.forward(new Record<>(station, AssociatorInput.of(pick), ts));
    }
    long settled = picker.settledUntil(state);
    context.forward(
        new Record<>(
            station,
            AssociatorInput.progress(station, settled),
            DataTime.toMillis(block.endNanos())));
  }
}
