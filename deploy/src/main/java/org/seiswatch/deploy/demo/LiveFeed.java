package org.seiswatch.deploy.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.seiswatch.alerts.consumer.EventLogLine;
import org.seiswatch.common.json.Json;
import org.seiswatch.common.model.Amplitude;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.model.Pick;
import org.seiswatch.common.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code seis.picks} and {@code seis.events} as a {@code read_committed} consumer and
 * prints one line per pick and per event version: what {@code seiswatch demo} shows while it runs.
 * Also remembers what it saw and when it last saw anything, which is how the demo knows the
 * pipeline has gone quiet.
 */
final class LiveFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);

  private final KafkaConsumer<String, byte[]> consumer;
  private final PrintStream out;
  private final List<Pick> picks = new ArrayList<>();
  private final List<Detection> events = new ArrayList<>();
  private final AtomicLong lastActivityNanos = new AtomicLong(System.nanoTime());
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;

  LiveFeed(String bootstrapServers, PrintStream out) {
    this.out = out;
    this.consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    this.thread = new Thread(this::run, "seiswatch-demo-feed");
  }

  /** Reads both topics from their beginning, without a consumer group (nothing to commit). */
  void start() {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : List.of(Topics.PICKS.name(), Topics.EVENTS.name())) {
      consumer
          .partitionsFor(topic)
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    thread.start();
  }

  private void run() {
    try {
      while (running.get()) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          lastActivityNanos.set(System.nanoTime());
          if (r.topic().equals(Topics.PICKS.name())) {
            handle(r, Topics.PICKS.valueSerde().deserializer()::deserialize, this::onPick);
          } else {
            handle(r, Topics.EVENTS.valueSerde().deserializer()::deserialize, this::onEvent);
          }
        }
      }
    } catch (WakeupException e) {
      // close() woke the poll: normal shutdown
    } finally {
      consumer.close();
    }
  }

  private <T> void handle(
      ConsumerRecord<String, byte[]> r,
      java.util.function.BiFunction<String, byte[], T> parse,
      Consumer<T> sink) {
    try {
      sink.accept(parse.apply(r.topic(), r.value()));
    } catch (RuntimeException e) {
      LOG.warn(
          "Skipping unreadable record {}-{}@{}: {}",
          r.topic(),
          r.partition(),
          r.offset(),
          e.getMessage());
    }
  }

  private synchronized void onPick(Pick pick) {
    picks.add(pick);
    out.printf(
        "PICK  %-16s %s %s %s%s%n",
        pick.site().streamId(),
        pick.phase(),
        Json.format(pick.time()),
        pick.picker() == null ? "" : pick.picker(),
        amplitude(pick.amplitude()));
  }

  /** " amp 4.27e+06 SNR 228" (counts zero to peak), or what of it was measured. */
  private static String amplitude(Amplitude a) {
    if (a == null || a.amplitude() == null) {
      return "";
    }
    String text = String.format(Locale.ROOT, " amp %.3g", a.amplitude());
    return a.snr() == null ? text : text + String.format(Locale.ROOT, " SNR %.0f", a.snr());
  }

  private synchronized void onEvent(Detection event) {
    events.add(event);
    out.println(EventLogLine.format(event));
  }

  synchronized List<Pick> picks() {
    return List.copyOf(picks);
  }

  synchronized List<Detection> events() {
    return List.copyOf(events);
  }

  /** Time since the last pick or event arrived (or since start). */
  Duration quietFor() {
    return Duration.ofNanos(System.nanoTime() - lastActivityNanos.get());
  }

  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
