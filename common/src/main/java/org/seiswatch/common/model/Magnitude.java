package org.seiswatch.common.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * The magnitude of one event version: a Seiswatch extension of the NEIC Detection format (the NEIC
 * format has no magnitude). See {@code docs/formats/Detection.md} ("Magnitude").
 *
 * @param value the event magnitude: median of the station magnitudes
 * @param type magnitude type, {@code ML} (local magnitude from simulated Wood-Anderson amplitudes)
 * @param stationCount stations whose magnitudes made {@code value}; 0 when every measured station
 *     was clipped (the value is then the median of the clipped stations' MLs, for information only,
 *     and formats other than the NEIC JSON leave it out)
 * @param spread robust standard deviation of the station magnitudes (1.4826 × median absolute
 *     deviation from the median), null with fewer than 2 stations
 * @param reliable false when too few stations were used, when stations were left out for clipping,
 *     or when amplitude windows were still open at this version
 * @param reason why the magnitude is not reliable, null when it is
 * @param stations the station magnitudes, used or left out
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"Value", "Type", "StationCount", "Spread", "Reliable", "Reason"})
public record Magnitude(
    @JsonProperty("Value") double value,
    @JsonProperty("Type") String type,
    @JsonProperty("StationCount") int stationCount,
    @JsonProperty("Spread") Double spread,
    @JsonProperty("Reliable") boolean reliable,
    @JsonProperty("Reason") String reason,
    @JsonProperty("Stations") List<StationMagnitude> stations) {

  public Magnitude {
    Objects.requireNonNull(type, "magnitude Type");
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("magnitude value " + value);
    }
    if (stationCount < 0) {
      throw new IllegalArgumentException("magnitude station count " + stationCount);
    }
    stations = stations == null ? List.of() : List.copyOf(stations);
  }

  /**
   * One station's contribution.
   *
   * @param site {@code NET.STA}
   * @param amplitude peak Wood-Anderson amplitude over the horizontal channels used, mm
   *     (zero-to-peak), null when the station was left out before measuring
   * @param distance hypocentral distance, km
   * @param value the station ML, null when not computed
   * @param used whether it is in the event magnitude
   * @param reason why it was left out (e.g. {@code clipped}), null when used
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"Site", "Amplitude", "Distance", "Value", "Used", "Reason"})
  /**
   * The value consumers should use: present when the version has a magnitude measured at one or
   * more stations (an all-clipped value with {@code StationCount} 0 is for information only).
   */
  public static java.util.OptionalDouble usable(Detection d) {
    Magnitude m = d.magnitude();
    return m != null && m.stationCount() > 0
        ? java.util.OptionalDouble.of(m.value())
        : java.util.OptionalDouble.empty();
  }

  public record StationMagnitude(
      @JsonProperty("Site") String site,
      @JsonProperty("Amplitude") Double amplitude,
      @JsonProperty("Distance") double distance,
      @JsonProperty("Value") Double value,
      @JsonProperty("Used") boolean used,
      @JsonProperty("Reason") String reason) {
    public StationMagnitude {
      Objects.requireNonNull(site, "station magnitude Site");
    }
  }
}
