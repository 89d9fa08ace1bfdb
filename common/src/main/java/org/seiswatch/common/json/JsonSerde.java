package org.seiswatch.common.json;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for one message type in the shared {@link Json} form. A value that does not parse, or
 * parses to something its record constructor rejects, throws {@link SerializationException} naming
 * the type and the problem, which the consumer's deserialization handler sends to the dead-letter
 * topic.
 */
public final class JsonSerde<T> implements Serde<T> {
  private final Class<T> type;
  private final ObjectWriter writer;
  private final ObjectReader reader;

  public JsonSerde(Class<T> type) {
    this.type = type;
    this.writer = Json.mapper().writerFor(type);
    this.reader = Json.mapper().readerFor(type);
  }

  public Class<T> type() {
    return type;
  }

  public byte[] toBytes(T value) {
    if (value == null) {
      return null;
    }
    try {
      return writer.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new SerializationException(
          "cannot write " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  public T fromBytes(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return reader.readValue(bytes);
    } catch (IOException | IllegalArgumentException | NullPointerException e) {
      throw new SerializationException(
          "not a valid " + type.getSimpleName() + " JSON message: " + e.getMessage(), e);
    }
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> toBytes(value);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> fromBytes(bytes);
  }
}
