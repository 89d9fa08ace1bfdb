package org.seiswatch.common.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A record that could not be used, on {@code seis.deadletter}: which stage rejected it, why, where
 * it came from and its bytes as received (base64 in JSON). See {@code docs/formats/DeadLetter.md}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(
    String stage, String reason, DeadLetterOrigin origin, byte[] payload, Instant recordedAt) {

  public DeadLetter {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(origin, "origin");
    payload = payload == null ? new byte[0] : payload.clone();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeadLetter d
        && stage.equals(d.stage)
        && reason.equals(d.reason)
        && origin.equals(d.origin)
        && Arrays.equals(payload, d.payload)
        && Objects.equals(recordedAt, d.recordedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(stage, reason, origin, Arrays.hashCode(payload), recordedAt);
  }

  @Override
  public String toString() {
    return "DeadLetter["
        + stage
        + ", "
        + reason
        + ", "
        + origin
        + ", "
        + payload.length
        + " bytes]";
  }
}
