package org.seiswatch.ingest.seedlink.server.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.seiswatch.common.model.StreamId;
import org.seiswatch.ingest.seedlink.protocol.Glob;

/** One station request of a client: station id pattern, channel selectors, start sequence. */
final class Request {
  final String stationPattern;
  final List<Predicate<StreamId>> selectors = new ArrayList<>();
  Long start;

  Request(String stationPattern) {
    this.stationPattern = stationPattern;
  }

  boolean matches(ArchiveEntry entry) {
    return Glob.matches(stationPattern, entry.stationId())
        && (selectors.isEmpty() || selectors.stream().anyMatch(s -> s.test(entry.streamId())));
  }
}
