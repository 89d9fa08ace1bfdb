package org.seiswatch.alerts.consumer;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.WakeupException;
import org.seiswatch.common.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll loop on {@code seis.events}, run on its own thread. At least once: after each batch the
 * alerts are flushed, then the offsets committed, so a crash re-delivers rather than loses; the
 * store and subscribers de-duplicate by event id and version. The consumer is touched only by the
 * loop thread, except {@link #shutdown()} which uses the thread-safe {@code wakeup()}.
 */
public final class EventConsumerLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(EventConsumerLoop.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

  private final Consumer<String, byte[]> consumer;
  private final EventRecordHandler handler;
  private volatile boolean closing;
  // Alive from construction so /health is UP as soon as start() returns, until the loop exits.
  private volatile boolean alive = true;

  public EventConsumerLoop(Consumer<String, byte[]> consumer, EventRecordHandler handler) {
    this.consumer = consumer;
    this.handler = handler;
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(List.of(Topics.EVENTS.name()));
      while (!closing) {
        pollOnce();
      }
    } catch (WakeupException e) {
      if (!closing) {
        LOG.error("consumer of {} woken up unexpectedly; stopping", Topics.EVENTS.name(), e);
      }
    } catch (KafkaException e) {
      LOG.error("consumer of {} failed; stopping (health is DOWN)", Topics.EVENTS.name(), e);
    } finally {
      alive = false;
      closeConsumer();
    }
  }

  /** One poll, the records handled, alerts flushed, offsets committed. Used by {@link #run()}. */
  void pollOnce() {
    ConsumerRecords<String, byte[]> records = consumer.poll(POLL_TIMEOUT);
    if (records.isEmpty()) {
      return;
    }
    for (ConsumerRecord<String, byte[]> record : records) {
      handler.handle(record);
    }
    handler.flush();
    try {
      consumer.commitSync();
    } catch (WakeupException e) {
      throw e;
    } catch (KafkaException e) {
      // A rebalance took the partitions: the new owner re-reads from the last commit.
      LOG.warn("cannot commit {} offsets; records may be re-delivered", Topics.EVENTS.name(), e);
    }
  }

  /** Asks the loop to finish; returns at once. The loop closes the consumer on its way out. */
  public void shutdown() {
    closing = true;
    consumer.wakeup();
  }

  /** True until the loop has exited, by {@link #shutdown()} or a fatal consumer error. */
  public boolean alive() {
    return alive;
  }

  /** Closes the consumer of a loop whose thread never ran. */
  public void closeUnstarted() {
    alive = false;
    closeConsumer();
  }

  private void closeConsumer() {
    try {
      consumer.close();
    } catch (KafkaException e) {
      LOG.warn("error closing the {} consumer", Topics.EVENTS.name(), e);
    }
  }
}
