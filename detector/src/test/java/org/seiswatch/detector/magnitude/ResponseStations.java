package org.seiswatch.detector.magnitude;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.seiswatch.common.demo.DemoEvent;
import org.seiswatch.common.model.Channel;
import org.seiswatch.common.model.Station;
import org.seiswatch.ingest.stations.StationXmlLoader;

/** The 6 demo stations with their full StationXML responses (ingest's loader). */
public final class ResponseStations {
  private ResponseStations() {}

  /** Extracts the demo files into {@code dir} (a test's temporary directory) and loads them. */
  public static List<Station> load(Path dir) {
    try {
      DemoEvent.extractTo(dir);
      return new StationXmlLoader().loadAll(List.of(dir.resolve("stationxml")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Channel channel(List<Station> stations, String key, String code) {
    return stations.stream()
        .filter(s -> s.key().equals(key))
        .flatMap(s -> s.channels().stream())
        .filter(c -> c.code().equals(code))
        .findFirst()
        .orElseThrow();
  }
}
