package org.seiswatch.alerts.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.seiswatch.common.json.Json;
import org.seiswatch.common.model.DetectionType;

/**
 * Reads and writes subscriptions as JSON ({@code alerts/README.md} "Subscriptions"). Reading checks
 * the whole document and reports every problem with its JSON path, so a subscriber fixes all at
 * once:
 *
 * <pre>
 * {"name": "Hawaii civil defense",
 *  "policy": {"region": {"type": "circle", "latitude": 19.7, "longitude": -155.5, "radiusKm": 200},
 *             "minMagnitude": 3.0,
 *             "quality": {"maxRms": 1.0, "maxGap": 270, "minStations": 4, "maxHorizontalErrorKm": 20},
 *             "versions": ["New", "Update", "Final", "Retract"]},
 *  "delivery": {"type": "webhook", "url": "https://example.org/hook", "secret": "..."}}
 * </pre>
 */
public final class SubscriptionJson {
  private static final Set<String> TOP = Set.of("id", "name", "policy", "delivery");
  private static final Set<String> POLICY = Set.of("region", "minMagnitude", "quality", "versions");
  private static final Set<String> CIRCLE = Set.of("type", "latitude", "longitude", "radiusKm");
  private static final Set<String> POLYGON = Set.of("type", "coordinates");
  private static final Set<String> QUALITY =
      Set.of("maxRms", "maxGap", "minStations", "maxHorizontalErrorKm");
  private static final Set<String> DELIVERY = Set.of("type", "url", "secret", "secretSet");
  private static final int MAX_NAME = 200;

  private final List<String> problems = new ArrayList<>();

  private SubscriptionJson() {}

  /**
   * Reads one subscription.
   *
   * @param id the id it gets (ignoring any {@code id} in the document)
   * @param keptSecret the secret to keep if a webhook document omits it (a PUT of what GET
   *     returned), or null
   * @throws InvalidSubscriptionException listing every problem
   */
  public static Subscription read(JsonNode root, String id, String keptSecret) {
    SubscriptionJson reader = new SubscriptionJson();
    Subscription subscription = reader.subscription(root, id, keptSecret);
    if (!reader.problems.isEmpty()) {
      throw new InvalidSubscriptionException(reader.problems);
    }
    return subscription;
  }

  private Subscription subscription(JsonNode root, String id, String keptSecret) {
    if (root == null || !root.isObject()) {
      problems.add("the subscription must be a JSON object");
      return null;
    }
    unknown(root, "", TOP);
    String name = text(root, "", "name", true);
    if (name != null && (name.isBlank() || name.length() > MAX_NAME)) {
      problems.add("name: must be 1 to " + MAX_NAME + " characters, not blank");
    }
    Policy policy = policy(object(root, "", "policy", true));
    Delivery delivery = delivery(object(root, "", "delivery", true), keptSecret);
    if (!problems.isEmpty()) {
      return null;
    }
    return new Subscription(id, name, policy, delivery);
  }

  private Policy policy(JsonNode node) {
    if (node == null) {
      return null;
    }
    unknown(node, "policy.", POLICY);
    Region region = region(object(node, "policy.", "region", false));
    Double minMagnitude = number(node, "policy.", "minMagnitude", -10, 12);
    Quality quality = quality(object(node, "policy.", "quality", false));
    Set<DetectionType> versions = versions(node.get("versions"));
    return problems.isEmpty() ? new Policy(region, minMagnitude, quality, versions) : null;
  }

  private Region region(JsonNode node) {
    if (node == null) {
      return null;
    }
    String type = text(node, "policy.region.", "type", true);
    if ("circle".equals(type)) {
      unknown(node, "policy.region.", CIRCLE);
      Double lat = required(node, "policy.region.", "latitude", -90, 90);
      Double lon = required(node, "policy.region.", "longitude", -180, 180);
      Double radius = required(node, "policy.region.", "radiusKm", 0, Region.MAX_RADIUS_KM);
      if (radius != null && radius <= 0) {
        problems.add("policy.region.radiusKm: must be above 0, got " + radius);
        radius = null;
      }
      return lat == null || lon == null || radius == null
          ? null
          : new Region.Circle(lat, lon, radius);
    }
    if ("polygon".equals(type)) {
      unknown(node, "policy.region.", POLYGON);
      return polygon(node.get("coordinates"));
    }
    if (type != null) {
      problems.add("policy.region.type: must be circle or polygon, got '" + type + "'");
    }
    return null;
  }

  private Region polygon(JsonNode coordinates) {
    String path = "policy.region.coordinates";
    if (coordinates == null || !coordinates.isArray()) {
      problems.add(path + ": required, an array of [longitude, latitude] pairs");
      return null;
    }
    List<Region.Point> points = new ArrayList<>();
    boolean good = true;
    for (int i = 0; i < coordinates.size(); i++) {
      JsonNode pair = coordinates.get(i);
      if (!pair.isArray()
          || pair.size() != 2
          || !pair.get(0).isNumber()
          || !pair.get(1).isNumber()) {
        problems.add(path + "[" + i + "]: must be [longitude, latitude], got " + pair);
        good = false;
        continue;
      }
      double lon = pair.get(0).asDouble();
      double lat = pair.get(1).asDouble();
      if (Math.abs(lon) > 180 || Math.abs(lat) > 90) {
        problems.add(path + "[" + i + "]: [" + lon + ", " + lat + "] is off the globe");
        good = false;
        continue;
      }
      points.add(new Region.Point(lon, lat));
    }
    if (points.size() > 1 && points.get(0).equals(points.get(points.size() - 1))) {
      points.remove(points.size() - 1); // a closed GeoJSON ring repeats its first vertex
    }
    if (good && points.stream().distinct().count() < 3) {
      problems.add(path + ": needs at least 3 distinct vertices, got " + points.size());
      good = false;
    }
    return good ? new Region.Polygon(points) : null;
  }

  private Quality quality(JsonNode node) {
    if (node == null) {
      return Quality.ANY;
    }
    unknown(node, "policy.quality.", QUALITY);
    Double maxRms = positive(node, "policy.quality.", "maxRms", 1000);
    Double maxGap = number(node, "policy.quality.", "maxGap", 0, 360);
    Double minStations = number(node, "policy.quality.", "minStations", 1, 10_000);
    if (minStations != null && minStations != Math.rint(minStations)) {
      problems.add("policy.quality.minStations: must be a whole number, got " + minStations);
    }
    Double maxError = positive(node, "policy.quality.", "maxHorizontalErrorKm", 20_000);
    return new Quality(
        maxRms, maxGap, minStations == null ? null : minStations.intValue(), maxError);
  }

  private Set<DetectionType> versions(JsonNode node) {
    if (node == null) {
      return EnumSet.allOf(DetectionType.class);
    }
    String allowed = "New, Update, Final, Retract";
    if (!node.isArray() || node.isEmpty()) {
      problems.add("policy.versions: must be a non-empty array of " + allowed);
      return EnumSet.allOf(DetectionType.class);
    }
    Set<DetectionType> versions = EnumSet.noneOf(DetectionType.class);
    for (int i = 0; i < node.size(); i++) {
      DetectionType type = versionType(node.get(i).asText());
      if (type == null || !node.get(i).isTextual()) {
        problems.add(
            "policy.versions[" + i + "]: must be one of " + allowed + ", got " + node.get(i));
      } else {
        versions.add(type);
      }
    }
    return versions.isEmpty() ? EnumSet.allOf(DetectionType.class) : versions;
  }

  private static DetectionType versionType(String name) {
    for (DetectionType t : DetectionType.values()) {
      String json = t.name().charAt(0) + t.name().substring(1).toLowerCase(Locale.ROOT);
      if (json.equals(name)) {
        return t;
      }
    }
    return null;
  }

  private Delivery delivery(JsonNode node, String keptSecret) {
    if (node == null) {
      return null;
    }
    unknown(node, "delivery.", DELIVERY);
    String type = text(node, "delivery.", "type", true);
    if (type == null) {
      return null;
    }
    for (Delivery.Type t : Delivery.Type.values()) {
      if (t.jsonName().equals(type)) {
        return t == Delivery.Type.WEBHOOK ? webhook(node, keptSecret) : plain(node, t);
      }
    }
    problems.add("delivery.type: must be kafka, webhook or sse, got '" + type + "'");
    return null;
  }

  private Delivery plain(JsonNode node, Delivery.Type type) {
    for (String field : List.of("url", "secret")) {
      if (node.has(field)) {
        problems.add("delivery." + field + ": only for type webhook, not " + type.jsonName());
      }
    }
    return new Delivery(type, null, null);
  }

  private Delivery webhook(JsonNode node, String keptSecret) {
    String url = text(node, "delivery.", "url", true);
    URI uri = null;
    if (url != null) {
      try {
        uri = new URI(url);
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
            || uri.getHost() == null) {
          problems.add("delivery.url: must be an absolute http or https URL, got '" + url + "'");
          uri = null;
        }
      } catch (URISyntaxException e) {
        problems.add("delivery.url: not a URL: " + e.getMessage());
      }
    }
    String secret = text(node, "delivery.", "secret", keptSecret == null);
    if (secret == null) {
      secret = keptSecret;
    } else if (secret.length() < Delivery.MIN_SECRET_LENGTH) {
      problems.add(
          "delivery.secret: must be at least "
              + Delivery.MIN_SECRET_LENGTH
              + " characters (it keys the HMAC-SHA256 signature)");
      secret = null;
    }
    return uri == null || secret == null ? null : new Delivery(Delivery.Type.WEBHOOK, uri, secret);
  }

  private void unknown(JsonNode node, String path, Set<String> known) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        problems.add(
            path
                + name
                + ": unknown field; known are "
                + String.join(", ", known.stream().sorted().toList()));
      }
    }
  }

  private JsonNode object(JsonNode parent, String path, String field, boolean required) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        problems.add(path + field + ": required");
      }
      return null;
    }
    if (!node.isObject()) {
      problems.add(path + field + ": must be an object");
      return null;
    }
    return node;
  }

  private String text(JsonNode parent, String path, String field, boolean required) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        problems.add(path + field + ": required");
      }
      return null;
    }
    if (!node.isTextual()) {
      problems.add(path + field + ": must be a string");
      return null;
    }
    return node.asText();
  }

  private Double required(JsonNode parent, String path, String field, double min, double max) {
    if (!parent.has(field)) {
      problems.add(path + field + ": required");
      return null;
    }
    return number(parent, path, field, min, max);
  }

  private Double positive(JsonNode parent, String path, String field, double max) {
    Double value = number(parent, path, field, 0, max);
    if (value != null && value <= 0) {
      problems.add(path + field + ": must be above 0, got " + value);
      return null;
    }
    return value;
  }

  private Double number(JsonNode parent, String path, String field, double min, double max) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isNumber()) {
      problems.add(path + field + ": must be a number, got " + node);
      return null;
    }
    double value = node.asDouble();
    if (!(value >= min && value <= max)) {
      problems.add(path + field + ": must be within [" + min + ", " + max + "], got " + value);
      return null;
    }
    return value;
  }

  /** The subscription as JSON; the webhook secret only if {@code withSecret} (for the file). */
  public static ObjectNode write(Subscription s, boolean withSecret) {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("id", s.id());
    root.put("name", s.name());
    ObjectNode policy = root.putObject("policy");
    Policy p = s.policy();
    if (p.region() instanceof Region.Circle c) {
      policy
          .putObject("region")
          .put("type", "circle")
          .put("latitude", c.latitude())
          .put("longitude", c.longitude())
          .put("radiusKm", c.radiusKm());
    } else if (p.region() instanceof Region.Polygon polygon) {
      ObjectNode region = policy.putObject("region").put("type", "polygon");
      ArrayNode coordinates = region.putArray("coordinates");
      polygon.vertices().forEach(v -> coordinates.addArray().add(v.longitude()).add(v.latitude()));
    }
    if (p.minMagnitude() != null) {
      policy.put("minMagnitude", p.minMagnitude());
    }
    Quality q = p.quality();
    if (!q.equals(Quality.ANY)) {
      ObjectNode quality = policy.putObject("quality");
      putIfSet(quality, "maxRms", q.maxRms());
      putIfSet(quality, "maxGap", q.maxGap());
      if (q.minStations() != null) {
        quality.put("minStations", q.minStations());
      }
      putIfSet(quality, "maxHorizontalErrorKm", q.maxHorizontalErrorKm());
    }
    ArrayNode versions = policy.putArray("versions");
    for (DetectionType t : DetectionType.values()) {
      if (p.versions().contains(t)) {
        versions.add(t.name().charAt(0) + t.name().substring(1).toLowerCase(Locale.ROOT));
      }
    }
    ObjectNode delivery = root.putObject("delivery").put("type", s.delivery().type().jsonName());
    if (s.delivery().type() == Delivery.Type.WEBHOOK) {
      delivery.put("url", s.delivery().url().toString());
      if (withSecret) {
        delivery.put("secret", s.delivery().secret());
      } else {
        delivery.put("secretSet", true);
      }
    }
    return root;
  }

  private static void putIfSet(ObjectNode node, String field, Double value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}
