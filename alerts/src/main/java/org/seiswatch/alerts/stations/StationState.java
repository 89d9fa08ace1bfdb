package org.seiswatch.alerts.stations;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.seiswatch.common.model.StationHealth;

/**
 * How a station's feed looks to operators, derived from its latest {@link StationHealth} and the
 * wall clock: {@code unknown} (no health, or no packet yet), {@code silent} (the last packet
 * arrived longer ago than the silent threshold), {@code late} (the last packet's latency is above
 * the late threshold), else {@code ok}. Silent wins over late: a station that stopped sending is
 * not merely late.
 */
public enum StationState {
  OK,
  LATE,
  SILENT,
  UNKNOWN;

  /**
   * @param health the newest snapshot, or null
   * @param now the wall clock
   * @param lateAfter latency above which a station is late ({@code stations.late.after.ms})
   * @param silentAfter time since the last packet after which it is silent ({@code
   *     stations.silent.after.ms})
   */
  public static StationState of(
      StationHealth health, Instant now, Duration lateAfter, Duration silentAfter) {
    if (health == null || health.lastPacket() == null) {
      return UNKNOWN;
    }
    if (Duration.between(health.lastPacket(), now).compareTo(silentAfter) > 0) {
      return SILENT;
    }
    Double latency = health.latencySeconds();
    if (latency != null && !latency.isNaN() && latency * 1000 > lateAfter.toMillis()) {
      return LATE;
    }
    return OK;
  }

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
