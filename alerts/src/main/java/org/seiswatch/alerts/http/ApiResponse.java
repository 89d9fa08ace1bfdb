package org.seiswatch.alerts.http;

/**
 * What a {@link Route} answers: a JSON value ({@link JsonResponse}), ready bytes of another format
 * ({@link BodyResponse}) or a long-lived stream ({@link StreamResponse}, Server-Sent Events).
 */
public sealed interface ApiResponse permits JsonResponse, BodyResponse, StreamResponse {
  int status();
}
