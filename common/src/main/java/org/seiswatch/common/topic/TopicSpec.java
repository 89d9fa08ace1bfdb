package org.seiswatch.common.topic;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How a topic is created: partitions, compaction, retention (DESIGN.md "Data path and topics").
 *
 * @param retention how long records are kept; null for compacted topics that keep the latest value
 *     forever
 */
public record TopicSpec(int partitions, boolean compacted, Duration retention) {
  public TopicSpec {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions " + partitions + " < 1");
    }
  }

  /**
   * Topic-level configs for {@code Admin.createTopics}. Topics deleted by age use {@code
   * LogAppendTime}: their record timestamps are data times (a replayed 2019 earthquake stays in
   * 2019), and retention by data time would delete a replay minutes after it was written. Consumers
   * read data time from the payload.
   */
  public Map<String, String> configs() {
    Map<String, String> configs = new HashMap<>();
    configs.put("cleanup.policy", compacted ? "compact" : "delete");
    configs.put("retention.ms", retention == null ? "-1" : Long.toString(retention.toMillis()));
    if (!compacted) {
      configs.put("message.timestamp.type", "LogAppendTime");
    }
    return configs;
  }
}
