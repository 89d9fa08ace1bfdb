package org.seiswatch.common.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a pick fits the event it is associated with (NEIC {@code AssociationInfo}): phase, epicentral
 * distance in degrees, azimuth from the event in degrees, travel-time residual in seconds, weight.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AssociationInfo(
    @JsonProperty("Phase") Phase phase,
    @JsonProperty("Distance") Double distance,
    @JsonProperty("Azimuth") Double azimuth,
    @JsonProperty("Residual") Double residual,
    @JsonProperty("Sigma") Double sigma) {}
