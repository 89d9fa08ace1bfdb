package org.seiswatch.ingest.seedlink.server.internal;

import java.util.List;
import java.util.Set;
import org.seiswatch.common.mseed.MiniSeed;
import org.seiswatch.common.mseed.MiniSeedRecord;
import org.seiswatch.common.mseed.Steim2Records;
import org.seiswatch.ingest.seedlink.protocol.PacketFormat;

/**
 * Makes SeedLink 3 payloads of records that are not 512-byte miniSEED 2: the samples are decoded
 * ({@link MiniSeed#decode}) and written again as consecutive 512-byte Steim-2 records ({@link
 * Steim2Records}) with the same stream codes and sample times. Only integer encodings can be
 * repacked (Steim-2 holds integers); a record with floating-point samples, a difference beyond 30
 * bits, codes too long for miniSEED 2 or a rate without exact SEED factors cannot.
 */
final class Repacker {
  /** int16, int24, int32, Steim-1, Steim-2. */
  private static final Set<Integer> INTEGER_ENCODINGS = Set.of(1, 2, 3, 10, 11);

  private Repacker() {}

  /** Whether SeedLink 3 can carry the record as it is. */
  static boolean fitsV3(int formatVersion, int length) {
    return formatVersion == 2 && length == PacketFormat.V3_RECORD;
  }

  /**
   * The record's samples as 512-byte records, the {@code k}-th with sequence number field {@code
   * firstSequence + k}; empty for a record without samples.
   *
   * @throws IllegalArgumentException if the record cannot be repacked (the reason)
   * @throws org.seiswatch.common.error.InvalidRecordException if its samples do not decode
   */
  static List<byte[]> repack(MiniSeedRecord record, long firstSequence) {
    if (!INTEGER_ENCODINGS.contains(record.encoding())) {
      throw new IllegalArgumentException(
          record.streamId()
              + ": encoding "
              + record.encoding()
              + " is not an integer encoding, Steim-2 cannot carry it");
    }
    if (record.sampleCount() == 0) {
      return List.of();
    }
    double[] decoded = MiniSeed.decode(record);
    int[] samples = new int[decoded.length];
    for (int i = 0; i < decoded.length; i++) {
      samples[i] = (int) decoded[i];
    }
    return Steim2Records.encodeAll(
        record.streamId(), record.startTime(), record.sampleRate(), samples, firstSequence);
  }
}
