package org.seiswatch.common.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The picker's phase label and its probability (NEIC {@code ClassificationInfo}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClassificationInfo(
    @JsonProperty("Phase") Phase phase,
    @JsonProperty("PhaseProbability") Double phaseProbability) {}
