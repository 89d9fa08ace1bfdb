package org.seiswatch.alerts.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookSettingsTest {
  private static final WebhookSettings SETTINGS =
      new WebhookSettings(
          Duration.ofSeconds(5),
          Duration.ofSeconds(10),
          Duration.ofSeconds(1),
          Duration.ofMinutes(5),
          Duration.ofHours(24),
          100,
          1000);

  @ParameterizedTest
  @CsvSource({"1, 1000", "2, 2000", "3, 4000", "9, 256000", "10, 300000", "40, 300000"})
  void shouldDoubleUpToCapWhenRandomIsTop(int failures, long expectedMillis) {
    assertEquals(expectedMillis, SETTINGS.backoff(failures, () -> 0.9999999).toMillis(), 1.0);
  }

  @ParameterizedTest
  @CsvSource({"1, 500", "3, 2000", "40, 150000"})
  void shouldDrawFromUpperHalfWhenRandomIsZero(int failures, long expectedMillis) {
    assertEquals(expectedMillis, SETTINGS.backoff(failures, () -> 0.0).toMillis());
  }

  @Test
  void shouldStayWithinHalfAndFullWhenRandom() {
    for (int failures = 1; failures <= 30; failures++) {
      long full = Math.min(300_000L, 1000L << Math.min(failures - 1, 20));
      assertThat(SETTINGS.backoff(failures, Math::random).toMillis()).isBetween(full / 2, full);
    }
  }

  @Test
  void shouldRefuseWhenCapBelowInitial() {
    assertThatThrownBy(
            () ->
                new WebhookSettings(
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(1),
                    Duration.ofHours(1),
                    1,
                    0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxBackoff");
  }
}
