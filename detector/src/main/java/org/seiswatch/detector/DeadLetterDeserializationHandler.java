package org.seiswatch.detector;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.seiswatch.common.model.DeadLetter;
import org.seiswatch.common.model.DeadLetterOrigin;
import org.seiswatch.common.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams deserialization handler: logs the topic, partition and offset of a record that does
 * not deserialize (e.g. bad JSON on {@code seis.stations}), sends it to {@code seis.deadletter} as
 * a {@link DeadLetter} (stage {@value #STAGE}) and lets processing continue (Kafka's {@code
 * LogAndContinueExceptionHandler} plus a dead letter).
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
  public static final String STAGE = "detector.deserialize";
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

  @Override
  public void configure(Map<String, ?> configs) {
    // nothing to configure
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    LOG.warn(
        "skipping record that does not deserialize at {}-{}@{}: {}",
        record.topic(),
        record.partition(),
        record.offset(),
        exception.getMessage());
    String reason =
        exception.getMessage() == null
            ? exception.getClass().getSimpleName()
            : exception.getMessage();
    DeadLetter letter =
        new DeadLetter(
            STAGE,
            reason,
            DeadLetterOrigin.ofTopic(record.topic(), record.partition(), record.offset()),
            record.value(),
            Instant.now());
    byte[] key = record.key() == null ? "unknown".getBytes(StandardCharsets.UTF_8) : record.key();
    byte[] value =
        Topics.DEADLETTER.valueSerde().serializer().serialize(Topics.DEADLETTER.name(), letter);
    return Response.resume(List.of(new ProducerRecord<>(Topics.DEADLETTER.name(), key, value)));
  }
}
