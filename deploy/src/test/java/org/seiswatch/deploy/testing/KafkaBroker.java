package org.seiswatch.deploy.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.seiswatch.deploy.broker.BrokerSettings;
import org.seiswatch.deploy.broker.EmbeddedKafka;
import org.seiswatch.deploy.broker.TopicAdmin;

/** A fresh embedded broker on a free port with the Seiswatch topics, deleted again on close. */
public final class KafkaBroker implements AutoCloseable {
  private final Path dir;
  private final EmbeddedKafka kafka;

  public KafkaBroker() throws IOException {
    dir = Files.createTempDirectory("seiswatch-it-broker");
    kafka = new EmbeddedKafka(new BrokerSettings(dir, 0, "127.0.0.1"));
    kafka.start();
    TopicAdmin.createMissing(kafka.bootstrapServers(), (short) 1);
  }

  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  @Override
  public void close() throws IOException {
    kafka.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
