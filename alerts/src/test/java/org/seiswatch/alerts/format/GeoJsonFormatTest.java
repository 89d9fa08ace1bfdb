package org.seiswatch.alerts.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seiswatch.alerts.Detections;
import org.seiswatch.common.json.Json;
import org.seiswatch.common.model.DetectionType;

class GeoJsonFormatTest {
  /**
   * The property names of the USGS GeoJSON summary feed, in the feed's order
   * (https://earthquake.usgs.gov/earthquakes/feed/v1.0/geojson.php).
   */
  private static final List<String> USGS_PROPERTIES =
      List.of(
          "mag", "place", "time", "updated", "tz", "url", "detail", "felt", "cdi", "mmi", "alert",
          "status", "tsunami", "sig", "net", "code", "ids", "sources", "types", "nst", "dmin",
          "rms", "gap", "magType", "type", "title");

  private static final List<String> USGS_METADATA =
      List.of("generated", "url", "title", "status", "api", "count");

  private final GeoJsonFormat format = new GeoJsonFormat();

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private JsonNode writeEvents(List<org.seiswatch.common.model.Detection> events) throws Exception {
    return Json.mapper().readTree(format.writeEvents(events, FormatFixtures.CONTEXT));
  }

  @Test
  void shouldSetMagAndMagTypeWhenTheVersionHasAMagnitude() throws Exception {
    JsonNode root = writeEvents(List.of(FormatFixtures.withMagnitude(2, DetectionType.UPDATE, 6)));

    JsonNode p = root.get("features").get(0).get("properties");
    assertEquals(4.61, p.get("mag").asDouble());
    assertEquals("ml", p.get("magType").asText());
    assertEquals(true, p.get("title").asText().startsWith("M 4.6 - "), p.get("title").asText());
    assertEquals(USGS_PROPERTIES, names(p));
  }

  @Test
  void shouldCarryEveryUsgsFeedFieldWhenEventIsWritten() throws Exception {
    JsonNode root = writeEvents(List.of(FormatFixtures.full(2, DetectionType.UPDATE, 6)));

    assertEquals("FeatureCollection", root.get("type").asText());
    assertEquals(USGS_METADATA, names(root.get("metadata")));
    JsonNode feature = root.get("features").get(0);
    assertEquals(List.of("type", "properties", "geometry", "id"), names(feature));
    assertEquals(USGS_PROPERTIES, names(feature.get("properties")));
  }

  @Test
  void shouldFillKnownFieldsAndNullOthersWhenEventIsWritten() throws Exception {
    JsonNode root = writeEvents(List.of(FormatFixtures.full(2, DetectionType.UPDATE, 6)));

    JsonNode metadata = root.get("metadata");
    assertEquals(FormatFixtures.GENERATED.toEpochMilli(), metadata.get("generated").asLong());
    assertEquals("http://alerts.example:8080/api/events?format=x", metadata.get("url").asText());
    assertEquals(200, metadata.get("status").asInt());
    assertEquals(1, metadata.get("count").asInt());
    JsonNode feature = root.get("features").get(0);
    assertEquals("sw201904140309023", feature.get("id").asText());
    assertEquals("Point", feature.at("/geometry/type").asText());
    assertEquals(-155.79, feature.at("/geometry/coordinates/0").asDouble());
    assertEquals(19.745, feature.at("/geometry/coordinates/1").asDouble());
    assertEquals(12.9, feature.at("/geometry/coordinates/2").asDouble());
    JsonNode p = feature.get("properties");
    assertEquals(Detections.ORIGIN.toEpochMilli(), p.get("time").asLong());
    assertEquals(Detections.ORIGIN.plusSeconds(9).toEpochMilli(), p.get("updated").asLong());
    assertEquals("automatic", p.get("status").asText());
    assertEquals("sw", p.get("net").asText());
    assertEquals("201904140309023", p.get("code").asText());
    assertEquals(",sw201904140309023,", p.get("ids").asText());
    assertEquals(",sw,", p.get("sources").asText());
    assertEquals(6, p.get("nst").asInt());
    assertEquals(0.0625, p.get("dmin").asDouble());
    assertEquals(0.34, p.get("rms").asDouble());
    assertEquals(97.5, p.get("gap").asDouble());
    assertEquals("earthquake", p.get("type").asText());
    assertEquals("M ? - 19.745°N 155.790°W", p.get("title").asText());
    assertEquals(
        "http://alerts.example:8080/api/events/sw201904140309023?format=geojson",
        p.get("detail").asText());
    assertThat(p.get("mag").isNull()).isTrue();
    assertThat(p.get("felt").isNull()).isTrue();
    assertEquals(List.of(-155.79, 19.745, 12.9, -155.79, 19.745, 12.9), doubles(root.get("bbox")));
  }

  @Test
  void shouldWriteNullGeometryAndDeletedStatusWhenVersionIsRetraction() throws Exception {
    JsonNode root =
        Json.mapper()
            .readTree(
                format.writeVersions(
                    List.of(
                        FormatFixtures.full(1, DetectionType.NEW, 4), FormatFixtures.retract(2)),
                    FormatFixtures.CONTEXT));

    assertEquals(2, root.get("metadata").get("count").asInt());
    JsonNode retraction = root.get("features").get(1);
    assertThat(retraction.get("geometry").isNull()).isTrue();
    assertEquals("deleted", retraction.at("/properties/status").asText());
    assertThat(retraction.at("/properties/time").isNull()).isTrue();
  }

  private static List<Double> doubles(JsonNode array) {
    List<Double> values = new ArrayList<>();
    array.forEach(n -> values.add(n.asDouble()));
    return values;
  }
}
