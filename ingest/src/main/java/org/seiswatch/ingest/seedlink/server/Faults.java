package org.seiswatch.ingest.seedlink.server;

import java.util.Set;

/**
 * Faults a {@link SeedlinkServer} injects, for testing clients; each set holds sequence numbers as
 * sent: archive sequence numbers over 4.0, SeedLink 3 sequence numbers over 3.1 (the same unless
 * records are repacked).
 *
 * @param corrupt the packet carries the record with its data section overwritten (it no longer
 *     decodes)
 * @param wrongLength the packet's record does not fill it: v3, the record header claims 1024 bytes
 *     in a 512-byte packet; v4, 64 stray bytes follow the record inside the payload
 * @param sequenceJump after the packet, the same record is sent again under the previous sequence
 *     number (a jump back)
 */
public record Faults(Set<Long> corrupt, Set<Long> wrongLength, Set<Long> sequenceJump) {
  public static final Faults NONE = new Faults(Set.of(), Set.of(), Set.of());

  public Faults {
    corrupt = Set.copyOf(corrupt);
    wrongLength = Set.copyOf(wrongLength);
    sequenceJump = Set.copyOf(sequenceJump);
  }
}
