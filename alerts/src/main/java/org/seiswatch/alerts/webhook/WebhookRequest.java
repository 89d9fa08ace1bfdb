package org.seiswatch.alerts.webhook;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One POST of one alert to a subscriber: where, the exact body, and every header ({@code
 * Content-Type} among them), in the order they are sent.
 */
public record WebhookRequest(URI url, byte[] body, Map<String, String> headers) {
  public static final String SIGNATURE = "X-Seiswatch-Signature";
  public static final String TIMESTAMP = "X-Seiswatch-Timestamp";
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  public static final String EVENT = "X-Seiswatch-Event";
  public static final String VERSION = "X-Seiswatch-Version";
  public static final String SUBSCRIPTION = "X-Seiswatch-Subscription";
  public static final String ATTEMPT = "X-Seiswatch-Attempt";
  public static final String CONTENT_TYPE = "Content-Type";

  public WebhookRequest {
    Objects.requireNonNull(url, "url");
    body = body.clone();
    headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /**
   * The signed request for one attempt.
   *
   * @param epochSecond the attempt's time, sent in {@code X-Seiswatch-Timestamp} and signed
   */
  public static WebhookRequest signed(
      URI url,
      String secret,
      String subscriptionId,
      String eventId,
      int version,
      int attempt,
      long epochSecond,
      String contentType,
      byte[] body) {
    String timestamp = Long.toString(epochSecond);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(CONTENT_TYPE, contentType);
    headers.put(TIMESTAMP, timestamp);
    headers.put(SIGNATURE, WebhookSignature.sign(secret, timestamp, body));
    headers.put(IDEMPOTENCY_KEY, eventId + ":" + version);
    headers.put(EVENT, eventId);
    headers.put(VERSION, Integer.toString(version));
    headers.put(SUBSCRIPTION, subscriptionId);
    headers.put(ATTEMPT, Integer.toString(attempt));
    return new WebhookRequest(url, body, headers);
  }
}
