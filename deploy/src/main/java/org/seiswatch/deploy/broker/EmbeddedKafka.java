package org.seiswatch.deploy.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.seiswatch.common.error.ConfigurationException;
import org.seiswatch.common.error.SeiswatchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker in KRaft mode (combined broker and controller) running inside this
 * JVM, from the Kafka Maven artifacts: the storage is formatted with {@link Formatter} (what {@code
 * kafka-storage.sh format} does) and the node started with {@link KafkaRaftServer} (what {@code
 * kafka-server-start.sh} does). Replication factors are 1, so it is for the demo, tests and a
 * single machine; use {@code --bootstrap-servers} for a real cluster.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final int NODE_ID = 1;

  private final BrokerSettings settings;
  private KafkaRaftServer server;
  private int port;

  public EmbeddedKafka(BrokerSettings settings) {
    this.settings = settings;
  }

  /**
   * Formats the data directory if it is new, then starts the node and returns once it serves
   * clients.
   *
   * @throws ConfigurationException if the port is taken or the data directory is not writable
   */
  public synchronized void start() {
    if (server != null) {
      throw new IllegalStateException("broker already started");
    }
    long started = System.nanoTime();
    int controllerPort;
    if (settings.port() == 0) {
      int[] ports = freePorts(settings.host(), 2, -1);
      port = ports[0];
      controllerPort = ports[1];
    } else {
      port = requireFree(settings.host(), settings.port());
      controllerPort = freePorts(settings.host(), 1, port)[0];
    }
    Path logDir = settings.dataDir().resolve("kafka-logs").toAbsolutePath();
    try {
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new ConfigurationException(
          "cannot create broker data directory " + logDir + ": " + e, e);
    }
    Properties props = properties(logDir, controllerPort);
    format(logDir);
    KafkaRaftServer node = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    node.startup();
    server = node;
    LOG.info(
        "Embedded Kafka broker serving {} (data in {}), started in {} ms",
        bootstrapServers(),
        settings.dataDir(),
        (System.nanoTime() - started) / 1_000_000);
  }

  private Properties properties(Path logDir, int controllerPort) {
    String host = settings.host();
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", logDir.toString());
    p.put("num.partitions", "1");
    p.put("auto.create.topics.enable", "false");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "5");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    // A single-node demo has no one to wait for: let consumer groups form at once.
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
    return p;
  }

  private void format(Path logDir) {
    try {
      new Formatter()
          .setPrintStream(
              new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8))
          .setNodeId(NODE_ID)
          .setClusterId(Uuid.randomUuid().toString())
          .setDirectories(List.of(logDir.toString()))
          .setMetadataLogDirectory(logDir.toString())
          .setReleaseVersion(MetadataVersion.latestProduction())
          .setControllerListenerName("CONTROLLER")
          .setIgnoreFormatted(true)
          .run();
    } catch (Exception e) {
      throw new SeiswatchException(
          "cannot format broker storage in " + logDir + ": " + e.getMessage(), e);
    }
  }

  /** {@code host:port} for clients. */
  public synchronized String bootstrapServers() {
    if (server == null) {
      throw new IllegalStateException("broker not started");
    }
    return settings.host() + ":" + port;
  }

  /** Stops the node and waits until it has shut down. */
  @Override
  public synchronized void close() {
    if (server == null) {
      return;
    }
    KafkaRaftServer node = server;
    server = null;
    node.shutdown();
    node.awaitShutdown();
    LOG.info("Embedded Kafka broker stopped");
  }

  private static int requireFree(String host, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
      return port;
    } catch (IOException e) {
      throw new ConfigurationException(
          "broker port "
              + port
              + " on "
              + host
              + " is already in use ("
              + e.getMessage()
              + "); choose another with --broker-port, or 0 for any free port");
    }
  }

  /**
   * {@code count} free ports on the host, distinct from each other and from {@code taken}: each
   * socket stays bound until all are found, so the system cannot hand out one port twice (it did:
   * the broker and controller listeners once got the same port and the broker refused to start).
   */
  private static int[] freePorts(String host, int count, int taken) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      InetAddress address = InetAddress.getByName(host);
      int[] ports = new int[count];
      for (int found = 0; found < count; ) {
        ServerSocket socket = new ServerSocket();
        sockets.add(socket);
        socket.bind(new InetSocketAddress(address, 0));
        if (socket.getLocalPort() != taken) {
          ports[found++] = socket.getLocalPort();
        }
      }
      return ports;
    } catch (IOException e) {
      throw new ConfigurationException(
          "cannot find a free port on " + host + ": " + e.getMessage(), e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException e) {
          LOG.debug("closing a port probe: {}", e.toString());
        }
      }
    }
  }
}
