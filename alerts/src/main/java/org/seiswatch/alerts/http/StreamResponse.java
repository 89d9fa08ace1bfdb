package org.seiswatch.alerts.http;

import java.io.OutputStream;
import java.util.Objects;

/**
 * A 200 answer that stays open: the router sends the headers (chunked body), then hands the body
 * stream to {@code opener} and returns without closing the exchange. Whoever holds the stream
 * writes to it from any thread and closes it when done (or when a write fails: the client left).
 */
public record StreamResponse(String contentType, Opener opener) implements ApiResponse {
  public StreamResponse {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(opener, "opener");
  }

  @Override
  public int status() {
    return 200;
  }

  /** Takes over the open body stream of the answer. */
  @FunctionalInterface
  public interface Opener {
    void open(OutputStream body);
  }
}
