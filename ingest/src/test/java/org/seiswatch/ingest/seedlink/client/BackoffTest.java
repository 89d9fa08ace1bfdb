package org.seiswatch.ingest.seedlink.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.seiswatch.ingest.seedlink.client.internal.Backoff;

class BackoffTest {
  @Test
  void shouldDoubleUpToTheCapWhenAttemptsFail() {
    Backoff max = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 1.0);
    assertEquals(100, max.next().toMillis());
    assertEquals(200, max.next().toMillis());
    assertEquals(400, max.next().toMillis());
    assertEquals(800, max.next().toMillis());
    assertEquals(1000, max.next().toMillis());
    assertEquals(1000, max.next().toMillis());
    max.reset();
    assertEquals(100, max.next().toMillis());
  }

  @Test
  void shouldWaitAtLeastHalfWhenJitterIsLowest() {
    Backoff min = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.0);
    assertEquals(50, min.next().toMillis());
    assertEquals(100, min.next().toMillis());
  }
}
