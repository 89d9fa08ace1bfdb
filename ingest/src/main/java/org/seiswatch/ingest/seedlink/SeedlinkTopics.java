package org.seiswatch.ingest.seedlink;

import org.apache.kafka.common.serialization.Serdes;
import org.seiswatch.common.json.JsonSerde;
import org.seiswatch.common.topic.Topic;
import org.seiswatch.common.topic.TopicSpec;

/** Topics of the SeedLink ingest beyond {@code common.topic.Topics} (to move there). */
public final class SeedlinkTopics {
  /**
   * Resume state of SeedLink ingest: the last sequence number per server and station, compacted,
   * key {@code HOST:PORT/NET_STA}. Written in the same transaction as the records, so it never runs
   * ahead of or behind {@code seis.raw}.
   */
  public static final Topic<String, ResumePoint> STATE =
      new Topic<>(
          "seis.ingest.state",
          Serdes.String(),
          new JsonSerde<>(ResumePoint.class),
          new TopicSpec(1, true, null));

  private SeedlinkTopics() {}
}
