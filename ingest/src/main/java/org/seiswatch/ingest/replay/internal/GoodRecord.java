package org.seiswatch.ingest.replay.internal;

import java.nio.file.Path;
import java.util.Objects;
import org.seiswatch.common.mseed.MiniSeedRecord;

/** A record that parsed and decoded, with where it was found. */
public record GoodRecord(Path file, long offset, MiniSeedRecord record) implements FileItem {
  public GoodRecord {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(record, "record");
    if (offset < 0) {
      throw new IllegalArgumentException("offset " + offset + " < 0");
    }
  }
}
