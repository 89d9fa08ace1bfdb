package org.seiswatch.common.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * The bundled demo event hv70907436 (Mw 5.3, Island of Hawaii, 2019-04-14; public domain,
 * provenance in {@code resources/org/seiswatch/demo/hv70907436/README.md}): 18 miniSEED files and 6
 * StationXML files, plus the catalog facts tests compare against.
 */
public final class DemoEvent {
  public static final String EVENT_ID = "hv70907436";
  public static final double LATITUDE = 19.742;
  public static final double LONGITUDE = -155.791;
  public static final double DEPTH_KM = 13.3;

  /** Catalog origin time, whole seconds only (the source truncates it; allow ±1 s). */
  public static final Instant ORIGIN_TIME = Instant.parse("2019-04-14T03:09:02Z");

  public static final List<String> STATIONS =
      List.of("HUAD", "TOUO", "MOKD", "HSSD", "MLOD", "HOVE");

  private static final String BASE = "/org/seiswatch/demo/hv70907436/";

  private DemoEvent() {}

  /** Resource names of the 18 waveform files, relative to the event directory. */
  public static List<String> waveformFiles() {
    return STATIONS.stream()
        .flatMap(
            sta ->
                Stream.of("HHE", "HHN", "HHZ")
                    .map(
                        cha ->
                            "waveforms/HV."
                                + sta
                                + ".."
                                + cha
                                + "__20190414T030832Z__20190414T031602Z.mseed"))
        .toList();
  }

  /** Resource names of the 6 StationXML files, relative to the event directory. */
  public static List<String> stationXmlFiles() {
    return STATIONS.stream().map(sta -> "stationxml/HV." + sta + ".xml").toList();
  }

  /** Opens one bundled file by its name relative to the event directory. */
  public static InputStream open(String relativeName) {
    InputStream in = DemoEvent.class.getResourceAsStream(BASE + relativeName);
    if (in == null) {
      throw new IllegalStateException(
          "bundled demo file missing from the classpath: " + relativeName);
    }
    return in;
  }

  /** Reads one bundled file whole. */
  public static byte[] read(String relativeName) {
    try (InputStream in = open(relativeName)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundled demo file " + relativeName, e);
    }
  }

  /**
   * Copies the bundled event (waveforms/, stationxml/, README.md) into {@code dir}, so that
   * file-based tools (replay) can read it, and returns {@code dir}.
   */
  public static Path extractTo(Path dir) throws IOException {
    for (String name :
        Stream.concat(waveformFiles().stream(), stationXmlFiles().stream()).toList()) {
      Path target = dir.resolve(name);
      Files.createDirectories(target.getParent());
      try (InputStream in = open(name)) {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    try (InputStream in = open("README.md")) {
      Files.copy(in, dir.resolve("README.md"), StandardCopyOption.REPLACE_EXISTING);
    }
    return dir;
  }
}
