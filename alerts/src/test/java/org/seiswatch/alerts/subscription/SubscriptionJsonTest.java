package org.seiswatch.alerts.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seiswatch.common.json.Json;
import org.seiswatch.common.model.DetectionType;

class SubscriptionJsonTest {
  static final String WEBHOOK =
      """
      {"name": "Hawaii civil defense",
       "policy": {"region": {"type": "circle", "latitude": 19.7, "longitude": -155.5, "radiusKm": 200},
                  "quality": {"maxRms": 1.0, "maxGap": 270, "minStations": 4, "maxHorizontalErrorKm": 20},
                  "versions": ["New", "Retract"]},
       "delivery": {"type": "webhook", "url": "https://example.org/hook", "secret": "0123456789abcdef"}}
      """;

  private static JsonNode json(String text) throws Exception {
    return Json.mapper().readTree(text);
  }

  @Test
  void shouldReadEveryFieldWhenDocumentIsValid() throws Exception {
    Subscription s = SubscriptionJson.read(json(WEBHOOK), "s1", null);

    assertEquals("s1", s.id());
    assertEquals("Hawaii civil defense", s.name());
    assertEquals(new Region.Circle(19.7, -155.5, 200), s.policy().region());
    assertEquals(new Quality(1.0, 270.0, 4, 20.0), s.policy().quality());
    assertEquals(EnumSet.of(DetectionType.NEW, DetectionType.RETRACT), s.policy().versions());
    assertEquals(
        new Delivery(
            Delivery.Type.WEBHOOK, URI.create("https://example.org/hook"), "0123456789abcdef"),
        s.delivery());
  }

  @Test
  void shouldReadPolygonAndDefaultToAllVersionsWhenClosedRingGiven() throws Exception {
    Subscription s =
        SubscriptionJson.read(
            json(
                """
                {"name": "box", "delivery": {"type": "kafka"},
                 "policy": {"region": {"type": "polygon",
                   "coordinates": [[-156, 18.8], [-154.8, 18.8], [-154.8, 20.3], [-156, 20.3], [-156, 18.8]]}}}
                """),
            "s2",
            null);

    Region.Polygon polygon = (Region.Polygon) s.policy().region();
    assertEquals(4, polygon.vertices().size());
    assertEquals(EnumSet.allOf(DetectionType.class), s.policy().versions());
  }

  @Test
  void shouldListEveryProblemWhenDocumentIsBad() throws Exception {
    InvalidSubscriptionException e =
        catchThrowableOfType(
            InvalidSubscriptionException.class,
            () ->
                SubscriptionJson.read(
                    json(
                        """
                        {"name": "", "colour": "red",
                         "policy": {"region": {"type": "circle", "latitude": 95, "radiusKm": -1},
                                    "minMagnitude": "big", "versions": ["New", "Maybe"]},
                         "delivery": {"type": "webhook", "url": "ftp://x", "secret": "short"}}
                        """),
                    "s3",
                    null));

    List<String> problems = e.problems();
    assertThat(problems)
        .contains(
            "name: must be 1 to 200 characters, not blank",
            "policy.region.latitude: must be within [-90.0, 90.0], got 95.0",
            "policy.region.longitude: required",
            "policy.minMagnitude: must be a number, got \"big\"",
            "policy.versions[1]: must be one of New, Update, Final, Retract, got \"Maybe\"",
            "delivery.url: must be an absolute http or https URL, got 'ftp://x'");
    assertThat(String.join("\n", problems))
        .contains("colour: unknown field")
        .contains("policy.region.radiusKm")
        .contains("delivery.secret: must be at least 16 characters");
    assertEquals(9, problems.size(), problems.toString());
  }

  @Test
  void shouldRequireNamePolicyAndDeliveryWhenObjectIsEmpty() throws Exception {
    InvalidSubscriptionException e =
        catchThrowableOfType(
            InvalidSubscriptionException.class,
            () -> SubscriptionJson.read(json("{}"), "s4", null));

    assertEquals(List.of("name: required", "policy: required", "delivery: required"), e.problems());
  }

  @Test
  void shouldReadBackEqualSubscriptionWhenWrittenWithSecret() throws Exception {
    Subscription s = SubscriptionJson.read(json(WEBHOOK), "s1", null);

    assertEquals(s, SubscriptionJson.read(SubscriptionJson.write(s, true), "s1", null));
  }

  @Test
  void shouldHideSecretAndKeepItOnReplaceWhenWrittenForApi() throws Exception {
    Subscription s = SubscriptionJson.read(json(WEBHOOK), "s1", null);
    JsonNode shown = SubscriptionJson.write(s, false);

    assertThat(shown.toString()).doesNotContain("0123456789abcdef").contains("\"secretSet\":true");
    assertEquals(s, SubscriptionJson.read(shown, "s1", "0123456789abcdef"));
  }
}
