package org.seiswatch.alerts.format;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seiswatch.alerts.format.internal.XmlOut;
import org.seiswatch.common.model.AssociationInfo;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.model.DetectionType;
import org.seiswatch.common.model.Hypocenter;
import org.seiswatch.common.model.Magnitude;
import org.seiswatch.common.model.Pick;
import org.seiswatch.common.model.Source;

/**
 * QuakeML 1.2 Basic Event Description (https://quake.ethz.ch/quakeml; schema {@code
 * QuakeML-1.2.xsd} + {@code QuakeML-BED-1.2.xsd}): {@code q:quakeml / eventParameters / event}.
 * Each event version is one {@code origin} (time, latitude, longitude, depth in metres, each with
 * its uncertainty; {@code quality}; one {@code arrival} per associated pick), the picks are {@code
 * pick}s with their {@code waveformID}, and the latest located version is the {@code
 * preferredOriginID}. A version with a local magnitude measured at one or more usable stations adds
 * a {@code magnitude} (mag with its spread as uncertainty, type {@code ML}, originID, stationCount,
 * a comment with the reason when Seiswatch marks it unreliable) and the latest such one is the
 * {@code preferredMagnitudeID}. Public IDs are {@code smi:org.seiswatch/...} URIs. Field by field:
 * {@code docs/formats/EventFormats.md}.
 */
public final class QuakeMlFormat implements EventFormat {
  public static final String QUAKEML_NS = "http://quakeml.org/xmlns/quakeml/1.2";
  public static final String BED_NS = "http://quakeml.org/xmlns/bed/1.2";

  /** Kilometres per degree of latitude (mean Earth radius 6371 km). */
  private static final double KM_PER_DEGREE = 111.195;

  @Override
  public String name() {
    return "quakeml";
  }

  @Override
  public String contentType() {
    return "application/xml";
  }

  @Override
  public byte[] writeEvents(List<Detection> events, FormatContext context) {
    XmlOut xml = open(context);
    for (Detection event : events) {
      event(xml, List.of(event));
    }
    return xml.finish();
  }

  @Override
  public byte[] writeVersions(List<Detection> versions, FormatContext context) {
    XmlOut xml = open(context);
    if (!versions.isEmpty()) {
      event(xml, versions);
    }
    return xml.finish();
  }

  private static XmlOut open(FormatContext context) {
    XmlOut xml = new XmlOut();
    xml.start("q:quakeml").namespace("q", QUAKEML_NS).namespace("", BED_NS);
    xml.start("eventParameters").attribute("publicID", SmiIds.of("eventParameters", "query"));
    xml.start("creationInfo")
        .element("agencyID", "SW")
        .element("creationTime", context.generated())
        .end();
    return xml;
  }

  /** One event with an origin per version; versions of one event, oldest first. */
  private static void event(XmlOut xml, List<Detection> versions) {
    Detection latest = versions.get(versions.size() - 1);
    String id = latest.id();
    xml.start("event").attribute("publicID", SmiIds.of("event", id));
    Detection preferred = null;
    for (Detection v : versions) {
      if (v.hypocenter() != null) {
        preferred = v;
      }
    }
    if (preferred != null) {
      xml.element("preferredOriginID", originId(preferred));
    }
    Detection withMagnitude = null;
    for (Detection v : versions) {
      if (hasMagnitude(v)) {
        withMagnitude = v;
      }
    }
    if (withMagnitude != null) {
      xml.element("preferredMagnitudeID", magnitudeId(withMagnitude));
    }
    xml.element(
        "type", latest.detectionType() == DetectionType.RETRACT ? "not existing" : "earthquake");
    creationInfo(xml, latest.source(), latest.detectionTime(), latest.version());
    Map<String, Pick> picks = new LinkedHashMap<>();
    for (Detection v : versions) {
      v.data().forEach(p -> picks.putIfAbsent(p.id(), p));
    }
    for (Pick pick : picks.values()) {
      pick(xml, pick);
    }
    for (Detection v : versions) {
      if (v.hypocenter() != null) {
        origin(xml, v);
      }
    }
    for (Detection v : versions) {
      if (hasMagnitude(v)) {
        magnitude(xml, v);
      }
    }
    xml.end();
  }

  /** A magnitude worth publishing: measured at one or more stations that were not clipped. */
  static boolean hasMagnitude(Detection d) {
    return org.seiswatch.common.model.Magnitude.usable(d).isPresent() && d.hypocenter() != null;
  }

  private static String magnitudeId(Detection d) {
    return SmiIds.of("magnitude", d.id() + "/" + d.version());
  }

  private static void magnitude(XmlOut xml, Detection d) {
    Magnitude m = d.magnitude();
    xml.start("magnitude").attribute("publicID", magnitudeId(d));
    if (!m.reliable() && m.reason() != null) {
      xml.start("comment").element("text", "unreliable: " + m.reason()).end();
    }
    quantity(xml, "mag", m.value(), m.spread());
    xml.element("type", m.type())
        .element("originID", originId(d))
        .element("methodID", SmiIds.of("magnitude-method", "ML/wood-anderson/hutton-boore-1987"))
        .element("stationCount", m.stationCount())
        .element("evaluationMode", "automatic")
        .element("evaluationStatus", m.reliable() ? status(d) : "preliminary");
    creationInfo(xml, d.source(), d.detectionTime(), d.version());
    xml.end();
  }

  private static String originId(Detection d) {
    return SmiIds.of("origin", d.id() + "/" + d.version());
  }

  private static void origin(XmlOut xml, Detection d) {
    Hypocenter h = d.hypocenter();
    xml.start("origin").attribute("publicID", originId(d));
    quantity(xml, "time", h.time(), h.timeError());
    quantity(xml, "latitude", h.latitude(), degrees(h.latitudeError(), 0));
    quantity(xml, "longitude", h.longitude(), degrees(h.longitudeError(), h.latitude()));
    quantity(xml, "depth", h.depth() * 1000, h.depthError() == null ? null : h.depthError() * 1000);
    xml.start("quality")
        .element("associatedPhaseCount", d.data().size())
        .element("usedPhaseCount", d.data().size())
        .element("associatedStationCount", stations(d))
        .element("usedStationCount", stations(d))
        .element("standardError", d.rms())
        .element("azimuthalGap", d.gap())
        .element("minimumDistance", d.minimumDistance())
        .end();
    xml.element("evaluationMode", "automatic").element("evaluationStatus", status(d));
    creationInfo(xml, d.source(), d.detectionTime(), d.version());
    int n = 0;
    for (Pick pick : d.data()) {
      arrival(xml, d, pick, n++);
    }
    xml.end();
  }

  private static void arrival(XmlOut xml, Detection d, Pick pick, int index) {
    AssociationInfo info = pick.associationInfo();
    xml.start("arrival")
        .attribute(
            "publicID", SmiIds.of("arrival", d.id() + "/" + d.version() + "/" + (index + 1)));
    xml.element("pickID", SmiIds.of("pick", pick.id()));
    xml.element("phase", info != null && info.phase() != null ? info.phase() : pick.phase());
    if (info != null) {
      xml.element("azimuth", info.azimuth())
          .element("distance", info.distance())
          .element("timeResidual", info.residual());
    }
    xml.end();
  }

  private static void pick(XmlOut xml, Pick pick) {
    xml.start("pick").attribute("publicID", SmiIds.of("pick", pick.id()));
    quantity(xml, "time", pick.time(), null);
    xml.start("waveformID")
        .attribute("networkCode", pick.site().network())
        .attribute("stationCode", pick.site().station())
        .attribute("channelCode", pick.site().channel())
        .attribute("locationCode", pick.site().location() == null ? "" : pick.site().location())
        .end();
    if (pick.picker() != null) {
      xml.element("methodID", SmiIds.of("picker", pick.picker()));
    }
    xml.element("phaseHint", pick.phase()).element("evaluationMode", "automatic");
    creationInfo(xml, pick.source(), null, null);
    xml.end();
  }

  private static void quantity(XmlOut xml, String name, Object value, Double uncertainty) {
    xml.start(name).element("value", value).element("uncertainty", uncertainty).end();
  }

  private static void creationInfo(XmlOut xml, Source source, Instant time, Integer version) {
    if (source == null && time == null && version == null) {
      return;
    }
    xml.start("creationInfo");
    if (source != null) {
      xml.element("agencyID", source.agencyId()).element("author", source.author());
    }
    xml.element("creationTime", time).element("version", version).end();
  }

  /** A north-south (or, at latitude {@code lat}, east-west) error in km, in degrees. */
  private static Double degrees(Double km, double lat) {
    if (km == null) {
      return null;
    }
    double cos = Math.max(Math.cos(Math.toRadians(lat)), 1e-6);
    return km / (KM_PER_DEGREE * cos);
  }

  private static long stations(Detection d) {
    return d.data().stream().map(Pick::stationKey).distinct().count();
  }

  /** New and Update are preliminary, Final final, Retract rejected. */
  private static String status(Detection d) {
    return switch (d.detectionType()) {
      case NEW, UPDATE -> "preliminary";
      case FINAL -> "final";
      case RETRACT -> "rejected";
    };
  }

  /** {@code smi:org.seiswatch/<kind>/<id>} with the characters QuakeML allows. */
  static final class SmiIds {
    private static final String AUTHORITY = "smi:org.seiswatch/";

    private SmiIds() {}

    /**
     * Characters outside QuakeML's {@code ResourceIdentifier} set (and {@code ~} itself) are
     * written as {@code ~XX}, the hex of each UTF-8 byte, so distinct ids stay distinct.
     */
    static String of(String kind, String id) {
      StringBuilder out = new StringBuilder(AUTHORITY).append(kind).append('/');
      for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
        char c = (char) (b & 0xff);
        if (b >= 0 && (Character.isLetterOrDigit(c) || "-.*()+?_'=,;#/&".indexOf(c) >= 0)) {
          out.append(c);
        } else {
          out.append('~').append(String.format(Locale.ROOT, "%02X", b & 0xff));
        }
      }
      return out.toString();
    }
  }
}
