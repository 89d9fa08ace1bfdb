package org.seiswatch.alerts.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** An answer whose body is already written, with its content type (GeoJSON, QuakeML, metrics). */
public record BodyResponse(int status, String contentType, byte[] body) implements ApiResponse {
  public BodyResponse {
    Objects.requireNonNull(contentType, "contentType");
    body = body.clone();
  }

  public static BodyResponse ok(String contentType, byte[] body) {
    return new BodyResponse(200, contentType, body);
  }

  public static BodyResponse ok(String contentType, String body) {
    return ok(contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public byte[] body() {
    return body.clone();
  }
}
