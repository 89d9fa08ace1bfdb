package org.seiswatch.deploy.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.seiswatch.common.error.SeiswatchException;
import org.seiswatch.common.topic.Topic;
import org.seiswatch.common.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the Seiswatch topics ({@link Topics#ALL}) with their partitions, retention and
 * compaction, leaving topics that already exist as they are.
 */
public final class TopicAdmin {
  private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);

  private TopicAdmin() {}

  /**
   * Creates every missing topic.
   *
   * @param replicationFactor 1 on the embedded broker; up to the cluster's size elsewhere
   * @return the names of the topics this call created
   */
  public static List<String> createMissing(String bootstrapServers, short replicationFactor) {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                30_000))) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (Topic<?, ?> topic : Topics.ALL) {
        if (!existing.contains(topic.name())) {
          missing.add(
              new NewTopic(topic.name(), topic.spec().partitions(), replicationFactor)
                  .configs(topic.spec().configs()));
        }
      }
      admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
      List<String> created = missing.stream().map(NewTopic::name).toList();
      if (!created.isEmpty()) {
        LOG.info("Created topics {}", created);
      }
      return created;
    } catch (ExecutionException | TimeoutException e) {
      throw new SeiswatchException(
          "cannot create topics on " + bootstrapServers + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SeiswatchException("interrupted while creating topics", e);
    }
  }
}
