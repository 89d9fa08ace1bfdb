package org.seiswatch.common.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Who made a message (NEIC {@code Source}): agency and author. */
public record Source(
    @JsonProperty("AgencyID") String agencyId, @JsonProperty("Author") String author) {
  /** The source Seiswatch puts on what it makes. */
  public static Source seiswatch(String author) {
    return new Source("SW", author);
  }
}
