package org.seiswatch.alerts.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seiswatch.common.json.Json;

class DeliveryLogTest {
  private static DeliveryAttempt attempt(String sub, int version, DeliveryAttempt.Outcome outcome) {
    return new DeliveryAttempt(
        sub, "sw1", version, 1, Instant.parse("2026-01-01T00:00:00Z"), 200, null, outcome);
  }

  @Test
  void shouldKeepNewestFirstUpToLimitWhenManyAttempts() {
    DeliveryLog log = new DeliveryLog(3);
    for (int v = 1; v <= 5; v++) {
      log.record(attempt("a", v, DeliveryAttempt.Outcome.DELIVERED));
    }
    log.record(attempt("b", 9, DeliveryAttempt.Outcome.RETRY));

    assertEquals(List.of(5, 4, 3), log.recent("a").stream().map(DeliveryAttempt::version).toList());
    assertEquals(1, log.recent("b").size());
    assertEquals(5, log.delivered());
    assertEquals(1, log.retried());
  }

  @Test
  void shouldForgetWhenSubscriptionIsDeleted() {
    DeliveryLog log = new DeliveryLog(3);
    log.record(attempt("a", 1, DeliveryAttempt.Outcome.GAVE_UP));

    log.forget("a");

    assertEquals(List.of(), log.recent("a"));
    assertEquals(1, log.failed());
  }

  @Test
  void shouldWriteOutcomeInLowerCaseWhenSerialized() throws Exception {
    String json =
        Json.mapper().writeValueAsString(attempt("a", 1, DeliveryAttempt.Outcome.GAVE_UP));

    assertEquals(
        "{\"subscriptionId\":\"a\",\"eventId\":\"sw1\",\"version\":1,\"attempt\":1,"
            + "\"time\":\"2026-01-01T00:00:00.000Z\",\"status\":200,\"outcome\":\"gave_up\"}",
        json);
  }
}
