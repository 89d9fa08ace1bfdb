package org.seiswatch.ingest.stations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seiswatch.common.demo.DemoEvent;
import org.seiswatch.common.error.ConfigurationException;
import org.seiswatch.common.model.Channel;
import org.seiswatch.common.model.Complex;
import org.seiswatch.common.model.PolesZeros;
import org.seiswatch.common.model.Station;
import org.seiswatch.common.testing.SharedData;

class StationXmlLoaderTest {
  @TempDir static Path event;
  private static List<Station> stations;

  /** One row of the bundled stations.csv (per-channel coordinates and response summary). */
  private record CsvChannel(
      String key,
      String channel,
      double latitude,
      double longitude,
      double elevation,
      double azimuth,
      double dip,
      double sampleRate,
      double sensitivity,
      String units) {
    static CsvChannel parse(String line) {
      String[] f = line.split(",", -1);
      return new CsvChannel(
          f[0] + "." + f[1],
          f[3],
          Double.parseDouble(f[4]),
          Double.parseDouble(f[5]),
          Double.parseDouble(f[6]),
          Double.parseDouble(f[8]),
          Double.parseDouble(f[9]),
          Double.parseDouble(f[10]),
          Double.parseDouble(f[11]),
          f[12]);
    }
  }

  @BeforeAll
  static void loadBundledStationXml() throws IOException {
    DemoEvent.extractTo(event);
    stations = new StationXmlLoader().loadAll(List.of(event.resolve("stationxml")));
  }

  private static List<CsvChannel> csv() {
    String text = new String(DemoEvent.read("stations.csv"), StandardCharsets.UTF_8);
    return text.lines().skip(1).filter(l -> !l.isBlank()).map(CsvChannel::parse).toList();
  }

  @Test
  void shouldValidateTheBundledFilesAgainstStationXml12WhenTheSchemaIsThere() throws Exception {
    Path xsd = SharedData.require("schemas/fdsn-station-1.2.xsd");
    var schema =
        javax.xml.validation.SchemaFactory.newInstance(javax.xml.XMLConstants.W3C_XML_SCHEMA_NS_URI)
            .newSchema(xsd.toFile());
    for (String name : DemoEvent.stationXmlFiles()) {
      schema
          .newValidator()
          .validate(new javax.xml.transform.stream.StreamSource(event.resolve(name).toFile()));
    }
    assertEquals(6, DemoEvent.stationXmlFiles().size());
  }

  @Test
  void shouldCarryTheSensorPolesAndZerosWhenTheResponseHasALaplaceStage() {
    for (Station station : stations) {
      for (Channel channel : station.channels()) {
        PolesZeros pz = channel.polesZeros();
        assertThat(pz).as(station.key() + " " + channel.code()).isNotNull();
        assertEquals(PolesZeros.RAD_PER_S, pz.unit());
        assertEquals("M/S", pz.inputUnits());
        assertThat(pz.poles()).isNotEmpty();
      }
    }
    Channel hhe =
        stations.stream()
            .filter(s -> s.key().equals("HV.HUAD"))
            .flatMap(s -> s.channels().stream())
            .filter(c -> c.code().equals("HHE"))
            .findFirst()
            .orElseThrow();
    assertEquals(309036.0, hhe.polesZeros().normalizationFactor());
    assertEquals(0.5, hhe.polesZeros().normalizationFrequency());
    assertEquals(5, hhe.polesZeros().zeros().size());
    assertEquals(new Complex(-671.0, 1154.0), hhe.polesZeros().poles().get(6));
  }

  @Test
  void shouldLoadSixStationsWhoseCoordinatesMatchStationsCsv() {
    Map<String, Station> byKey =
        stations.stream().collect(Collectors.toMap(Station::key, Function.identity()));

    assertEquals(6, stations.size());
    for (CsvChannel row : csv()) {
      Station station = byKey.get(row.key());
      assertThat(station).as(row.key()).isNotNull();
      // stations.csv carries channel coordinates; station and channel agree to ~1e-5 degrees
      assertEquals(row.latitude(), station.latitude(), 1e-4, row.key());
      assertEquals(row.longitude(), station.longitude(), 1e-4, row.key());
      assertEquals(row.elevation(), station.elevation(), 1.0, row.key());
    }
  }

  @Test
  void shouldSummariseEveryChannelLikeStationsCsv() {
    Map<String, Channel> channels =
        stations.stream()
            .flatMap(s -> s.channels().stream().map(c -> Map.entry(s.key() + "." + c.code(), c)))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

    assertEquals(18, channels.size());
    for (CsvChannel row : csv()) {
      Channel channel = channels.get(row.key() + "." + row.channel());
      String what = row.key() + "." + row.channel();
      assertEquals("", channel.location(), what);
      assertEquals(row.sampleRate(), channel.sampleRate(), 1e-9, what);
      assertEquals(row.azimuth(), channel.azimuth(), 1e-9, what);
      assertEquals(row.dip(), channel.dip(), 1e-9, what);
      assertEquals(row.sensitivity(), channel.sensitivity(), row.sensitivity() * 1e-6, what);
      assertEquals(row.units(), channel.inputUnits(), what);
      assertThat(channel.sensitivityFrequency()).as(what).isPositive();
    }
  }

  @Test
  void shouldTakeTheLatestEpochWhenAChannelHasSeveral(@TempDir Path dir) throws IOException {
    String xml = new String(DemoEvent.read("stationxml/HV.HUAD.xml"), StandardCharsets.ISO_8859_1);
    int from = xml.indexOf("<Channel code=\"HHE\"");
    int to = xml.indexOf("</Channel>", from) + "</Channel>".length();
    String current = xml.substring(from, to);
    String older =
        current
            .replace("startDate=\"2011-08-18T00:00:00\"", "startDate=\"2005-01-01T00:00:00\"")
            .replace("<Value>7.55585E8</Value>", "<Value>1.0E8</Value>");
    Path afterwards = dir.resolve("older-after.xml");
    Path before = dir.resolve("older-before.xml");
    Files.writeString(
        afterwards, xml.replace(current, current + older), StandardCharsets.ISO_8859_1);
    Files.writeString(before, xml.replace(current, older + current), StandardCharsets.ISO_8859_1);

    for (Path file : List.of(afterwards, before)) {
      Station station = new StationXmlLoader().load(file).get(0);
      List<Channel> hhe = station.channels().stream().filter(c -> c.code().equals("HHE")).toList();

      assertEquals(1, hhe.size(), file.toString());
      assertEquals(7.55585e8, hhe.get(0).sensitivity(), 1e3, file.toString());
    }
  }

  @Test
  void shouldFailNamingTheFileWhenStationXmlIsMalformed(@TempDir Path dir) throws IOException {
    String xml = new String(DemoEvent.read("stationxml/HV.HUAD.xml"), StandardCharsets.ISO_8859_1);
    Path broken = dir.resolve("broken.xml");
    Files.writeString(broken, xml.substring(0, xml.length() / 2), StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> new StationXmlLoader().loadAll(List.of(broken)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(broken.toString());
  }

  @Test
  void shouldFailNamingTheFileWhenItIsNotStationXml(@TempDir Path dir) throws IOException {
    Path other = Files.writeString(dir.resolve("quakeml.xml"), "<q:quakeml xmlns:q=\"x\"/>");

    assertThatThrownBy(() -> new StationXmlLoader().load(other))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(other.toString());
  }
}
