package org.seiswatch.common.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Life-cycle state of one event version (NEIC {@code Detection.DetectionType}). */
public enum DetectionType {
  @JsonProperty("New")
  NEW,
  @JsonProperty("Update")
  UPDATE,
  @JsonProperty("Final")
  FINAL,
  @JsonProperty("Retract")
  RETRACT
}
