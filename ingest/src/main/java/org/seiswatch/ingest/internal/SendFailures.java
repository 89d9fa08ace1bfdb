package org.seiswatch.ingest.internal;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.seiswatch.common.error.SeiswatchException;

/**
 * Collects the first failed asynchronous send of a producer, so that the sending loop can stop
 * instead of carrying on with a hole in a topic that must be lossless.
 */
public final class SendFailures {
  private final AtomicReference<FailedSend> first = new AtomicReference<>();

  /** A callback that records a failure of a send to {@code topic}. */
  public Callback callback(String topic) {
    return (metadata, exception) -> {
      if (exception != null) {
        first.compareAndSet(null, new FailedSend(topic, exception));
      }
    };
  }

  /**
   * @throws SeiswatchException if any send has failed, naming the topic and keeping the cause
   */
  public void check() {
    FailedSend failed = first.get();
    if (failed != null) {
      throw new SeiswatchException(
          "producing to " + failed.topic() + " failed: " + failed.cause().getMessage(),
          failed.cause());
    }
  }

  private record FailedSend(String topic, Exception cause) {}
}
