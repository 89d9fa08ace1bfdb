package org.seiswatch.detector.assembler;

import java.util.Objects;
import org.seiswatch.common.model.DeadLetter;

/** A raw record that did not parse or decode, on its way to the dead-letter topic. */
public record RejectedRecord(DeadLetter deadLetter) implements AssemblerOutput {
  public RejectedRecord {
    Objects.requireNonNull(deadLetter, "deadLetter");
  }
}
