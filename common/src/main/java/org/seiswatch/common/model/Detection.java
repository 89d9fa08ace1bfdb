package org.seiswatch.common.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One version of an event on {@code seis.events}, with the field names of the NEIC Detection format
 * (usgs/earthquake-detection-formats {@code format-docs/Detection.md}) plus {@code Version}. See
 * {@code docs/formats/Detection.md}.
 *
 * @param id event id derived from the data, the same on every replay of the same archive
 * @param version 1 for New, then +1 per published version
 * @param detectionTime data time at which this version was made (newest pick time it used)
 * @param data the associated picks, each with its {@link AssociationInfo}
 * @param magnitude the event magnitude (a Seiswatch extension), null when none could be measured
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(
    value = {"Type", "Quality"},
    allowGetters = true)
@JsonPropertyOrder({
  "Type",
  "ID",
  "Version",
  "Source",
  "Hypocenter",
  "DetectionType",
  "DetectionTime",
  "Detector",
  "MinimumDistance",
  "RMS",
  "Gap",
  "Magnitude",
  "Data"
})
public record Detection(
    @JsonProperty("ID") String id,
    @JsonProperty("Version") int version,
    @JsonProperty("Source") Source source,
    @JsonProperty("Hypocenter") Hypocenter hypocenter,
    @JsonProperty("DetectionType") DetectionType detectionType,
    @JsonProperty("DetectionTime") Instant detectionTime,
    @JsonProperty("Detector") String detector,
    @JsonProperty("MinimumDistance") Double minimumDistance,
    @JsonProperty("RMS") Double rms,
    @JsonProperty("Gap") Double gap,
    @JsonProperty("Data") List<Pick> data,
    @JsonProperty("Magnitude") Magnitude magnitude) {

  /** A detection without magnitude. */
  public Detection(
      String id,
      int version,
      Source source,
      Hypocenter hypocenter,
      DetectionType detectionType,
      Instant detectionTime,
      String detector,
      Double minimumDistance,
      Double rms,
      Double gap,
      List<Pick> data) {
    this(
        id,
        version,
        source,
        hypocenter,
        detectionType,
        detectionTime,
        detector,
        minimumDistance,
        rms,
        gap,
        data,
        null);
  }

  public Detection {
    Objects.requireNonNull(id, "detection ID");
    Objects.requireNonNull(detectionType, "DetectionType");
    if (version < 1) {
      throw new IllegalArgumentException("detection " + id + ": Version " + version + " < 1");
    }
    data = data == null ? List.of() : List.copyOf(data);
  }

  @JsonProperty("Type")
  public String type() {
    return "Detection";
  }

  /** This version with {@code magnitude} instead of its own. */
  public Detection withMagnitude(Magnitude magnitude) {
    return new Detection(
        id,
        version,
        source,
        hypocenter,
        detectionType,
        detectionTime,
        detector,
        minimumDistance,
        rms,
        gap,
        data,
        magnitude);
  }

  /** A–D location quality with P, S and station counts, derived from this message. */
  @JsonProperty("Quality")
  public LocationQuality quality() {
    return LocationQuality.of(this);
  }
}
