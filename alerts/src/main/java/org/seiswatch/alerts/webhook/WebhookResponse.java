package org.seiswatch.alerts.webhook;

/**
 * What one POST came to: an HTTP status, or an error (timeout, refused connection) and no status.
 */
public record WebhookResponse(Integer status, String error) {
  public WebhookResponse {
    if ((status == null) == (error == null)) {
      throw new IllegalArgumentException("a response has a status or an error, not both or none");
    }
  }

  public static WebhookResponse status(int status) {
    return new WebhookResponse(status, null);
  }

  public static WebhookResponse error(String error) {
    return new WebhookResponse(null, error);
  }

  /** Any 2xx; everything else is retried. */
  public boolean delivered() {
    return status != null && status >= 200 && status < 300;
  }

  /** {@code HTTP 503} or the error, for logs and dead letters. */
  public String describe() {
    return status != null ? "HTTP " + status : error;
  }
}
