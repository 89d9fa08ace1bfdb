package org.seiswatch.deploy.demo;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.seiswatch.common.error.SeiswatchException;

/**
 * How many records of some topics a consumer group has not yet committed: the demo's test for "all
 * input has been consumed". End offsets are read as a {@code read_committed} consumer sees them
 * (last stable offset).
 */
final class ConsumerLag {
  private final Admin admin;

  ConsumerLag(Admin admin) {
    this.admin = admin;
  }

  /**
   * Records in {@code topics} past the group's committed offsets; partitions never committed count
   * whole.
   */
  long lag(String groupId, Set<String> topics) {
    try {
      Map<String, TopicDescription> described =
          admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      described
          .values()
          .forEach(
              d ->
                  d.partitions()
                      .forEach(
                          p ->
                              request.put(
                                  new TopicPartition(d.name(), p.partition()),
                                  OffsetSpec.latest())));
      Map<TopicPartition, ListOffsetsResultInfo> ends =
          admin
              .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
              .all()
              .get(10, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(groupId)
              .partitionsToOffsetAndMetadata()
              .get(10, TimeUnit.SECONDS);
      long lag = 0;
      for (Map.Entry<TopicPartition, ListOffsetsResultInfo> end : ends.entrySet()) {
        OffsetAndMetadata done = committed.get(end.getKey());
        lag += Math.max(0, end.getValue().offset() - (done == null ? 0 : done.offset()));
      }
      return lag;
    } catch (ExecutionException | TimeoutException e) {
      throw new SeiswatchException(
          "cannot read consumer lag of " + groupId + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SeiswatchException("interrupted while reading consumer lag", e);
    }
  }

  /** Names of the repartition topics Kafka Streams application {@code applicationId} created. */
  Set<String> repartitionTopics(String applicationId) {
    try {
      return admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
          .filter(n -> n.startsWith(applicationId + "-") && n.endsWith("-repartition"))
          .collect(Collectors.toSet());
    } catch (ExecutionException | TimeoutException e) {
      throw new SeiswatchException("cannot list topics: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SeiswatchException("interrupted while listing topics", e);
    }
  }
}
