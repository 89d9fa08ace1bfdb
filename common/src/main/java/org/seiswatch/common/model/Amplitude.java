package org.seiswatch.common.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Amplitude measured at a pick (NEIC {@code Amplitude}): counts unless the spec says otherwise,
 * seconds.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Amplitude(
    @JsonProperty("Amplitude") Double amplitude,
    @JsonProperty("Period") Double period,
    @JsonProperty("SNR") Double snr) {}
