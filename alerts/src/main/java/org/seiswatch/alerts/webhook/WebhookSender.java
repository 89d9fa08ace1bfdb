package org.seiswatch.alerts.webhook;

/** Sends one webhook request and waits for its answer; tests hand in fakes. */
@FunctionalInterface
public interface WebhookSender {
  /**
   * Posts the request. Never throws for what the network or the receiver does: a timeout or a
   * refused connection is a {@link WebhookResponse#error}.
   */
  WebhookResponse send(WebhookRequest request);
}
