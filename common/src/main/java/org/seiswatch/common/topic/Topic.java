package org.seiswatch.common.topic;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * A typed topic descriptor: name, key and value serdes, creation spec (Confluent {@code
 * Schemas.Topic}, made immutable). Use the constants in {@link Topics}.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, TopicSpec spec) {
  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
    Objects.requireNonNull(spec, "spec");
  }

  @Override
  public String toString() {
    return name;
  }
}
