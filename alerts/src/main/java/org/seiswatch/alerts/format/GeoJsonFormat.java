package org.seiswatch.alerts.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.seiswatch.common.json.Json;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.model.DetectionType;
import org.seiswatch.common.model.Hypocenter;
import org.seiswatch.common.model.Magnitude;
import org.seiswatch.common.model.Pick;

/**
 * USGS-style GeoJSON: the field set of the USGS real-time feeds ("GeoJSON Summary Format",
 * https://earthquake.usgs.gov/earthquakes/feed/v1.0/geojson.php). A {@code FeatureCollection} with
 * {@code metadata} {generated, url, title, status, api, count}, {@code bbox} and one {@code
 * Feature} per event version: {@code properties} with every field of the USGS feed (what Seiswatch
 * does not know, such as felt reports or the alert level, is {@code null}; {@code mag} and {@code
 * magType} ({@code ml}) are set when the version has a local magnitude from at least one station
 * that was not clipped, whether or not Seiswatch marks it reliable), a {@code Point} geometry
 * {@code [longitude, latitude, depth km]} and the event id. Field by field: {@code
 * docs/formats/EventFormats.md}.
 */
public final class GeoJsonFormat implements EventFormat {
  /** Version of this API, GeoJSON {@code metadata.api}. */
  public static final String API_VERSION = "1.0.0";

  @Override
  public String name() {
    return "geojson";
  }

  @Override
  public String contentType() {
    return "application/geo+json";
  }

  @Override
  public byte[] writeEvents(List<Detection> events, FormatContext context) {
    return write(events, "Seiswatch events", context);
  }

  @Override
  public byte[] writeVersions(List<Detection> versions, FormatContext context) {
    String title =
        versions.isEmpty() ? "Seiswatch event" : "Seiswatch event " + versions.get(0).id();
    return write(versions, title + ", every version", context);
  }

  private static byte[] write(List<Detection> detections, String title, FormatContext context) {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("type", "FeatureCollection");
    ObjectNode metadata = root.putObject("metadata");
    metadata.put("generated", context.generated().toEpochMilli());
    metadata.put("url", context.requestUrl().toString());
    metadata.put("title", title);
    metadata.put("status", 200);
    metadata.put("api", API_VERSION);
    metadata.put("count", detections.size());
    ArrayNode features = root.putArray("features");
    for (Detection d : detections) {
      features.add(feature(d, context));
    }
    ArrayNode bbox = bbox(detections);
    if (bbox != null) {
      root.set("bbox", bbox);
    }
    try {
      return Json.mapper().writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write GeoJSON", e);
    }
  }

  /** One event version as a GeoJSON Feature. */
  static ObjectNode feature(Detection d, FormatContext context) {
    ObjectNode feature = Json.mapper().createObjectNode();
    feature.put("type", "Feature");
    feature.set("properties", properties(d, context));
    Hypocenter h = d.hypocenter();
    if (h == null) {
      feature.putNull("geometry");
    } else {
      ObjectNode geometry = feature.putObject("geometry");
      geometry.put("type", "Point");
      geometry.putArray("coordinates").add(h.longitude()).add(h.latitude()).add(h.depth());
    }
    feature.put("id", d.id());
    return feature;
  }

  private static ObjectNode properties(Detection d, FormatContext context) {
    Hypocenter h = d.hypocenter();
    String net = net(d);
    ObjectNode p = Json.mapper().createObjectNode();
    Magnitude m = QuakeMlFormat.hasMagnitude(d) ? d.magnitude() : null;
    if (m == null) {
      p.putNull("mag");
    } else {
      p.put("mag", m.value());
    }
    p.putNull("place");
    putMillis(p, "time", h == null ? null : h.time());
    putMillis(p, "updated", d.detectionTime());
    p.putNull("tz");
    p.put("url", context.eventUrl(d.id(), null));
    p.put("detail", context.eventUrl(d.id(), "format=geojson"));
    p.putNull("felt");
    p.putNull("cdi");
    p.putNull("mmi");
    p.putNull("alert");
    p.put("status", d.detectionType() == DetectionType.RETRACT ? "deleted" : "automatic");
    p.put("tsunami", 0);
    p.putNull("sig");
    p.put("net", net);
    p.put("code", code(d.id(), net));
    p.put("ids", "," + d.id() + ",");
    p.put("sources", "," + net + ",");
    p.put("types", d.data().isEmpty() ? ",origin," : ",origin,phase-data,");
    long stations = d.data().stream().map(Pick::stationKey).distinct().count();
    p.put("nst", (int) stations);
    p.put("dmin", d.minimumDistance());
    p.put("rms", d.rms());
    p.put("gap", d.gap());
    if (m == null) {
      p.putNull("magType");
    } else {
      p.put("magType", m.type().toLowerCase(Locale.ROOT));
    }
    p.put("type", "earthquake");
    p.put("title", title(d));
    return p;
  }

  private static void putMillis(ObjectNode node, String field, Instant time) {
    if (time == null) {
      node.putNull(field);
    } else {
      node.put(field, time.toEpochMilli());
    }
  }

  /** USGS {@code net}: the contributing network, lower case ({@code sw} for Seiswatch). */
  private static String net(Detection d) {
    String agency = d.source() == null ? null : d.source().agencyId();
    return agency == null ? "sw" : agency.toLowerCase(Locale.ROOT);
  }

  /** USGS {@code code}: the id without its network prefix (USGS ids are net + code). */
  private static String code(String id, String net) {
    return id.startsWith(net) && id.length() > net.length() ? id.substring(net.length()) : id;
  }

  /**
   * USGS titles read {@code M 5.3 - 10 km SW of Place}; with neither a magnitude nor a gazetteer
   * yet, Seiswatch writes {@code M ? - 19.745°N 155.790°W}.
   */
  private static String title(Detection d) {
    Hypocenter h = d.hypocenter();
    if (h == null) {
      return "M ? - event " + d.id() + " (" + d.detectionType() + ")";
    }
    String mag =
        QuakeMlFormat.hasMagnitude(d)
            ? String.format(Locale.ROOT, "%.1f", d.magnitude().value())
            : "?";
    return String.format(
        Locale.ROOT,
        "M %s - %.3f°%s %.3f°%s",
        mag,
        Math.abs(h.latitude()),
        h.latitude() >= 0 ? "N" : "S",
        Math.abs(h.longitude()),
        h.longitude() >= 0 ? "E" : "W");
  }

  /** {@code [minLon, minLat, minDepth, maxLon, maxLat, maxDepth]}, or null with no geometry. */
  private static ArrayNode bbox(List<Detection> detections) {
    List<Hypocenter> located =
        detections.stream().map(Detection::hypocenter).filter(h -> h != null).toList();
    if (located.isEmpty()) {
      return null;
    }
    ArrayNode bbox = Json.mapper().createArrayNode();
    bbox.add(located.stream().mapToDouble(Hypocenter::longitude).min().orElseThrow());
    bbox.add(located.stream().mapToDouble(Hypocenter::latitude).min().orElseThrow());
    bbox.add(located.stream().mapToDouble(Hypocenter::depth).min().orElseThrow());
    bbox.add(located.stream().mapToDouble(Hypocenter::longitude).max().orElseThrow());
    bbox.add(located.stream().mapToDouble(Hypocenter::latitude).max().orElseThrow());
    bbox.add(located.stream().mapToDouble(Hypocenter::depth).max().orElseThrow());
    return bbox;
  }
}
