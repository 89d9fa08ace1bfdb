package org.seiswatch.common.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a pick was made (NEIC {@code Site}). */
public record Site(
    @JsonProperty("Station") String station,
    @JsonProperty("Channel") String channel,
    @JsonProperty("Network") String network,
    @JsonProperty("Location") String location) {

  public static Site of(StreamId id) {
    return new Site(id.station(), id.channel(), id.network(), id.location());
  }

  @JsonIgnore
  public StreamId streamId() {
    return new StreamId(network, station, location, channel);
  }
}
