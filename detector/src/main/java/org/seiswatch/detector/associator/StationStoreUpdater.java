package org.seiswatch.detector.associator;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.seiswatch.common.model.Station;

/** Keeps the global station store in step with {@code seis.stations} (null value = delete). */
public final class StationStoreUpdater implements Processor<String, Station, Void, Void> {
  private KeyValueStore<String, Station> store;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.store = context.getStateStore(AssociatorProcessor.STATIONS_STORE);
  }

  @Override
  public void process(Record<String, Station> record) {
    if (record.key() == null) {
      return;
    }
    if (record.value() == null) {
      store.delete(record.key());
    } else {
      store.put(record.key(), record.value());
    }
  }
}
