package org.seiswatch.detector.assembler;

import java.nio.ByteBuffer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.seiswatch.common.error.InvalidRecordException;
import org.seiswatch.common.mseed.MiniSeed;

/**
 * Gives each {@code seis.raw} record its data time, the start time in its miniSEED header, so that
 * Kafka Streams runs on data time although the topic stores broker append times (see {@code
 * docs/formats/RawRecord.md}). A value without a readable header keeps the Kafka timestamp; the
 * assembler then dead-letters it.
 */
public final class RawRecordTimestampExtractor implements TimestampExtractor {
  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    if (record.value() instanceof byte[] bytes) {
      try {
        return MiniSeed.startTime(ByteBuffer.wrap(bytes)).toEpochMilli();
      } catch (InvalidRecordException | java.time.DateTimeException e) {
        // fall through: the assembler reports the record
      }
    }
    return record.timestamp() >= 0 ? record.timestamp() : Math.max(partitionTime, 0);
  }
}
