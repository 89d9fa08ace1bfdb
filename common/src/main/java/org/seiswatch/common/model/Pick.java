package org.seiswatch.common.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Objects;

/**
 * A phase arrival picked on one channel, with the field names of the NEIC Pick format
 * (usgs/earthquake-detection-formats {@code format-docs/Pick.md}). See {@code
 * docs/formats/Pick.md}.
 *
 * @param id deterministic id derived from stream, phase and time, so a replay gives the same ids
 * @param picker which picker made it ({@code stalta}, {@code phasenet})
 * @param associationInfo set only on picks listed inside an event
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "Type", allowGetters = true)
@JsonPropertyOrder({"Type", "ID", "Site", "Source", "Time", "Phase", "Picker"})
public record Pick(
    @JsonProperty("ID") String id,
    @JsonProperty("Site") Site site,
    @JsonProperty("Source") Source source,
    @JsonProperty("Time") Instant time,
    @JsonProperty("Phase") Phase phase,
    @JsonProperty("Picker") String picker,
    @JsonProperty("Amplitude") Amplitude amplitude,
    @JsonProperty("ClassificationInfo") ClassificationInfo classificationInfo,
    @JsonProperty("AssociationInfo") AssociationInfo associationInfo) {

  public Pick {
    Objects.requireNonNull(id, "pick ID");
    Objects.requireNonNull(site, "pick Site");
    Objects.requireNonNull(time, "pick Time");
    Objects.requireNonNull(phase, "pick Phase");
  }

  @JsonProperty("Type")
  public String type() {
    return "Pick";
  }

  /** {@code NET.STA}, the Kafka key on {@code seis.picks}. */
  public String stationKey() {
    return site.network() + "." + site.station();
  }

  /** This pick as listed in an event, with how it fits that event. */
  public Pick withAssociation(AssociationInfo info) {
    return new Pick(id, site, source, time, phase, picker, amplitude, classificationInfo, info);
  }
}
