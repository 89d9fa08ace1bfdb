package org.seiswatch.common.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where a dead letter came from: a file and byte offset (replay), a topic, partition and offset (a
 * Kafka consumer), or a SeedLink server and sequence number (ingest). Fields that do not apply are
 * null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetterOrigin(
    String file,
    Long byteOffset,
    String topic,
    Integer partition,
    Long offset,
    String server,
    Long sequence) {

  public static DeadLetterOrigin ofFile(String file, long byteOffset) {
    return new DeadLetterOrigin(file, byteOffset, null, null, null, null, null);
  }

  public static DeadLetterOrigin ofTopic(String topic, int partition, long offset) {
    return new DeadLetterOrigin(null, null, topic, partition, offset, null, null);
  }

  public static DeadLetterOrigin ofSeedlink(String server, long sequence) {
    return new DeadLetterOrigin(null, null, null, null, null, server, sequence);
  }
}
