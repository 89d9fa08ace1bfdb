package org.seiswatch.alerts.store;

import java.time.Instant;
import java.util.Objects;

/**
 * When an event's first version reached {@code seis.events}, as far as the store can tell: {@code
 * earliest} is the earlier of that record's timestamp and the wall clock when it was read (a lower
 * bound for live data: the detector stamps versions with the data time of their picks), {@code
 * read} the wall clock when the store first read a version of it (an upper bound). The waveform
 * scan of {@code seis.raw} runs between the two, widened by its look-back and scan-after margins.
 */
public record SeenTimes(Instant earliest, Instant read) {
  public SeenTimes {
    Objects.requireNonNull(earliest, "earliest");
    Objects.requireNonNull(read, "read");
  }

  /** Keeps the earlier of each bound. */
  SeenTimes merge(SeenTimes other) {
    return new SeenTimes(
        other.earliest.isBefore(earliest) ? other.earliest : earliest,
        other.read.isBefore(read) ? other.read : read);
  }
}
