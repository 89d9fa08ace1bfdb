package org.seiswatch.alerts.webhook;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * {@link WebhookSender} on {@code java.net.http.HttpClient}: redirects are not followed (a 3xx is a
 * failed attempt, so a body signed for one URL is never sent to another), the response body is
 * discarded.
 */
public final class HttpWebhookSender implements WebhookSender {
  private static final String USER_AGENT = "seiswatch-webhook/1";

  private final HttpClient client;
  private final Duration requestTimeout;

  /**
   * @param connectTimeout to open the TCP (and TLS) connection
   * @param requestTimeout from sending the request to the response headers
   */
  public HttpWebhookSender(Duration connectTimeout, Duration requestTimeout) {
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.requestTimeout = requestTimeout;
  }

  @Override
  public WebhookResponse send(WebhookRequest request) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(request.url())
            .timeout(requestTimeout)
            .header("User-Agent", USER_AGENT)
            .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
    request.headers().forEach(builder::header);
    try {
      HttpResponse<Void> response =
          client.send(builder.build(), HttpResponse.BodyHandlers.discarding());
      return WebhookResponse.status(response.statusCode());
    } catch (HttpTimeoutException e) {
      return WebhookResponse.error("timeout: " + e.getMessage());
    } catch (IOException e) {
      // A refused connection is a ConnectException without message: the class names it.
      String message = e.getMessage();
      return WebhookResponse.error(
          e.getClass().getSimpleName() + (message == null ? "" : ": " + message));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return WebhookResponse.error("interrupted");
    }
  }
}
