package org.seiswatch.ingest.seedlink.server.internal;

import java.time.Instant;
import org.seiswatch.common.model.StreamId;

/** Where one good record of the archive lies, and what it is. */
public record ArchiveEntry(
    int file, long offset, int length, int formatVersion, StreamId streamId, Instant startTime) {

  /** The SeedLink station id {@code NET_STA}. */
  public String stationId() {
    return streamId.network() + "_" + streamId.station();
  }
}
