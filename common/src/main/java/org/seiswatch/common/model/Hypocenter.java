package org.seiswatch.common.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * Where and when an event happened (NEIC {@code Hypocenter}): degrees, depth in km below sea level,
 * errors in km (depth, horizontal) and seconds.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Hypocenter(
    @JsonProperty("Latitude") double latitude,
    @JsonProperty("Longitude") double longitude,
    @JsonProperty("Depth") double depth,
    @JsonProperty("Time") Instant time,
    @JsonProperty("LatitudeError") Double latitudeError,
    @JsonProperty("LongitudeError") Double longitudeError,
    @JsonProperty("DepthError") Double depthError,
    @JsonProperty("TimeError") Double timeError) {

  public Hypocenter {
    Objects.requireNonNull(time, "hypocenter Time");
  }
}
