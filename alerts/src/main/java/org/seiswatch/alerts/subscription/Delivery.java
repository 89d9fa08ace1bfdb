package org.seiswatch.alerts.subscription;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * How a subscriber gets its alerts: from the {@code seis.alerts} topic, by webhook (HTTP POST to
 * {@code url}, signed with HMAC-SHA256 under {@code secret}), or on the Server-Sent Events feed.
 */
public record Delivery(Type type, URI url, String secret) {
  /** Shortest webhook secret accepted (HMAC-SHA256 keys should carry 128 bits or more). */
  public static final int MIN_SECRET_LENGTH = 16;

  public Delivery {
    Objects.requireNonNull(type, "delivery type");
    if (type == Type.WEBHOOK && (url == null || secret == null)) {
      throw new IllegalArgumentException("webhook delivery needs url and secret");
    }
  }

  /** The delivery channels; JSON names in lower case. */
  public enum Type {
    KAFKA,
    WEBHOOK,
    SSE;

    public String jsonName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
