package org.seiswatch.alerts.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.seiswatch.common.error.ConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API of the alerts service on the JDK's {@link HttpServer}: all {@link Route}s behind one
 * {@link Router}, served by a small thread pool. Binds in {@link #start()}, never in the
 * constructor.
 */
public final class AlertsHttpServer {
  private static final Logger LOG = LoggerFactory.getLogger(AlertsHttpServer.class);
  private static final int THREADS = 4;

  private final String host;
  private final int port;
  private final Router router;
  private HttpServer server;
  private ExecutorService executor;

  /**
   * @param port 0 for any free port; see {@link #port()}
   */
  public AlertsHttpServer(String host, int port, List<Route> routes) {
    this(host, port, routes, ApiKeyGuard.open());
  }

  /**
   * @param guard which requests need an API key
   */
  public AlertsHttpServer(String host, int port, List<Route> routes, ApiKeyGuard guard) {
    this.host = host;
    this.port = port;
    this.router = new Router(routes, guard);
  }

  /**
   * Binds and starts serving.
   *
   * @throws ConfigurationException if the address cannot be bound (port in use, unknown host)
   */
  public synchronized void start() {
    if (server != null) {
      throw new IllegalStateException("HTTP server already started");
    }
    HttpServer bound;
    try {
      bound = HttpServer.create(new InetSocketAddress(host, port), 0);
    } catch (IOException e) {
      throw new ConfigurationException(
          "cannot bind the HTTP API to " + host + ":" + port + " (http.host/http.port): " + e, e);
    }
    executor =
        Executors.newFixedThreadPool(THREADS, new NamedDaemonThreads("seiswatch-alerts-http-"));
    bound.createContext("/", router);
    bound.setExecutor(executor);
    bound.start();
    server = bound;
    LOG.info("alerts HTTP API listening on {}:{}", host, port());
  }

  /** The bound port. */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("HTTP server not started");
    }
    return server.getAddress().getPort();
  }

  /** Stops at once: exchanges in progress are cut, as a stopping service has nothing to add. */
  public synchronized void stop() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }

  private static final class NamedDaemonThreads implements ThreadFactory {
    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    NamedDaemonThreads(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable runnable) {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
