package org.seiswatch.ingest.stations;

import edu.sc.seis.seisFile.SeisFileException;
import edu.sc.seis.seisFile.fdsnws.stationxml.FDSNStationXML;
import edu.sc.seis.seisFile.fdsnws.stationxml.FloatNoUnitType;
import edu.sc.seis.seisFile.fdsnws.stationxml.InstrumentSensitivity;
import edu.sc.seis.seisFile.fdsnws.stationxml.Network;
import edu.sc.seis.seisFile.fdsnws.stationxml.NetworkIterator;
import edu.sc.seis.seisFile.fdsnws.stationxml.PoleZero;
import edu.sc.seis.seisFile.fdsnws.stationxml.Response;
import edu.sc.seis.seisFile.fdsnws.stationxml.ResponseStage;
import edu.sc.seis.seisFile.fdsnws.stationxml.StationIterator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.stream.XMLStreamException;
import org.seiswatch.common.error.ConfigurationException;
import org.seiswatch.common.model.Channel;
import org.seiswatch.common.model.Complex;
import org.seiswatch.common.model.PolesZeros;
import org.seiswatch.common.model.Station;
import org.seiswatch.ingest.replay.InputFiles;

/**
 * Reads FDSN StationXML (1.0–1.2, https://docs.fdsn.org/projects/stationxml/) with seisFile into
 * {@link Station} summaries: station coordinates and elevation, and per channel its location and
 * code, sample rate, azimuth, dip and overall sensitivity (value, frequency, input units). Values a
 * file does not give are NaN (sensitivity, azimuth, dip), 0 (sample rate) or empty (units).
 *
 * <p>Response: the channel's {@link PolesZeros} are its analog (Laplace) poles-and-zeros stages.
 * One such stage (the sensor; the usual case, and the bundled demo files) is kept as written: unit,
 * A0, normalisation frequency, roots. Several (e.g. a sensor and an analog anti-alias filter) are
 * combined into one: roots of all in rad/s, A0 recomputed so that the product is 1 at the first
 * stage's normalisation frequency. Digital stages (FIR, IIR, digital poles and zeros) are left out:
 * in the pass band below the anti-alias corner they are flat to well under 1 %, and the overall
 * sensitivity carries their gain. A channel without a Laplace stage has no poles and zeros (null).
 *
 * <p>Epochs: a station or channel listed with several epochs (in one file or across files) is
 * summarised from its latest epoch by start date; for equal start dates the one read last wins.
 */
public final class StationXmlLoader {

  /**
   * Loads every {@code *.xml} file in {@code inputs} (files and directories) and returns one
   * station per {@code NET.STA}, sorted by key.
   *
   * @throws ConfigurationException naming the file and the problem
   */
  public List<Station> loadAll(Collection<Path> inputs) {
    Map<String, StationEpoch> latest = new TreeMap<>();
    for (Path file : InputFiles.stationXml(inputs)) {
      for (StationEpoch epoch : read(file)) {
        latest.merge(epoch.key(), epoch, StationEpoch::newer);
      }
    }
    return latest.values().stream().map(StationEpoch::toStation).toList();
  }

  /**
   * Loads one StationXML file.
   *
   * @throws ConfigurationException naming the file and the problem
   */
  public List<Station> load(Path file) {
    Map<String, StationEpoch> latest = new TreeMap<>();
    for (StationEpoch epoch : read(file)) {
      latest.merge(epoch.key(), epoch, StationEpoch::newer);
    }
    return latest.values().stream().map(StationEpoch::toStation).toList();
  }

  private static List<StationEpoch> read(Path file) {
    List<StationEpoch> epochs = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file)) {
      FDSNStationXML xml = FDSNStationXML.loadStationXML(in);
      NetworkIterator networks = xml.getNetworks();
      while (networks.hasNext()) {
        Network network = networks.next();
        StationIterator stations = network.getStations();
        while (stations.hasNext()) {
          epochs.add(epoch(file, stations.next()));
        }
      }
      xml.closeReader();
    } catch (IOException | XMLStreamException | SeisFileException | RuntimeException e) {
      if (e instanceof ConfigurationException config) {
        throw config;
      }
      throw new ConfigurationException(
          "cannot read StationXML file " + file + ": " + e.getMessage(), e);
    }
    if (epochs.isEmpty()) {
      throw new ConfigurationException("StationXML file " + file + " holds no stations");
    }
    return epochs;
  }

  private static StationEpoch epoch(
      Path file, edu.sc.seis.seisFile.fdsnws.stationxml.Station station) {
    String where = file + ": station " + station.getNetworkCode() + "." + station.getStationCode();
    Map<String, ChannelEpoch> channels = new LinkedHashMap<>();
    for (edu.sc.seis.seisFile.fdsnws.stationxml.Channel channel : station.getChannelList()) {
      ChannelEpoch epoch =
          new ChannelEpoch(start(channel.getStartDateTime()), channel(where, channel));
      channels.merge(epoch.key(), epoch, ChannelEpoch::newer);
    }
    try {
      Station summary =
          new Station(
              station.getNetworkCode().trim(),
              station.getStationCode().trim(),
              required(where, "Latitude", station.getLatitude()),
              required(where, "Longitude", station.getLongitude()),
              required(where, "Elevation", station.getElevation()),
              channels.values().stream().map(ChannelEpoch::channel).toList());
      return new StationEpoch(start(station.getStartDateTime()), summary);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(where + ": " + e.getMessage(), e);
    }
  }

  private static Channel channel(
      String where, edu.sc.seis.seisFile.fdsnws.stationxml.Channel channel) {
    InstrumentSensitivity sensitivity = channel.getInstrumentSensitivity();
    try {
      return new Channel(
          normaliseLocation(channel.getLocCode()),
          channel.getChannelCode().trim(),
          channel.getSampleRate() == null ? 0 : exact(channel.getSampleRate().getValue()),
          optional(channel.getAzimuth()),
          optional(channel.getDip()),
          sensitivity == null ? Double.NaN : exact(sensitivity.getSensitivityValue()),
          sensitivity == null ? Double.NaN : exact(sensitivity.getFrequency()),
          sensitivity == null || sensitivity.getInputUnits() == null
              ? ""
              : sensitivity.getInputUnits().getName(),
          polesZeros(channel.getResponse()));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(
          where + " channel " + channel.getChannelCode() + ": " + e.getMessage(), e);
    }
  }

  /** The analog poles and zeros of {@code response}, or null when it has none. */
  static PolesZeros polesZeros(Response response) {
    if (response == null || response.getResponseStageList() == null) {
      return null;
    }
    List<edu.sc.seis.seisFile.fdsnws.stationxml.PolesZeros> analog = new ArrayList<>();
    for (ResponseStage stage : response.getResponseStageList()) {
      if (stage.getResponseItem() instanceof edu.sc.seis.seisFile.fdsnws.stationxml.PolesZeros pz
          && !edu.sc.seis.seisFile.fdsnws.stationxml.PolesZeros.DIGITAL.equals(
              pz.getPzTransferType())) {
        analog.add(pz);
      }
    }
    if (analog.isEmpty()) {
      return null;
    }
    if (analog.size() == 1) {
      var pz = analog.get(0);
      return new PolesZeros(
          unit(pz),
          exact(pz.getNormalizationFactor()),
          exact(pz.getNormalizationFreq()),
          units(pz.getInputUnits()),
          roots(pz.getZeroList(), 1),
          roots(pz.getPoleList(), 1));
    }
    List<Complex> zeros = new ArrayList<>();
    List<Complex> poles = new ArrayList<>();
    for (var pz : analog) {
      double scale = PolesZeros.HZ.equals(unit(pz)) ? 2 * Math.PI : 1;
      zeros.addAll(roots(pz.getZeroList(), scale));
      poles.addAll(roots(pz.getPoleList(), scale));
    }
    double frequency = exact(analog.get(0).getNormalizationFreq());
    return new PolesZeros(
        PolesZeros.RAD_PER_S,
        1 / shape(zeros, poles, 2 * Math.PI * frequency),
        frequency,
        units(analog.get(0).getInputUnits()),
        zeros,
        poles);
  }

  private static String unit(edu.sc.seis.seisFile.fdsnws.stationxml.PolesZeros pz) {
    String type = pz.getPzTransferType() == null ? "" : pz.getPzTransferType().trim();
    if (edu.sc.seis.seisFile.fdsnws.stationxml.PolesZeros.LAPLACE_HERTZ.equals(type)) {
      return PolesZeros.HZ;
    }
    if (edu.sc.seis.seisFile.fdsnws.stationxml.PolesZeros.LAPLACE_RAD_PER_SEC.equals(type)) {
      return PolesZeros.RAD_PER_S;
    }
    throw new IllegalArgumentException("unknown PzTransferFunctionType '" + type + "'");
  }

  private static String units(edu.sc.seis.seisFile.fdsnws.stationxml.Unit unit) {
    return unit == null || unit.getName() == null ? "" : unit.getName().trim();
  }

  private static List<Complex> roots(List<? extends PoleZero> list, double scale) {
    List<Complex> out = new ArrayList<>();
    if (list != null) {
      for (PoleZero r : list) {
        out.add(
            new Complex(
                exact(r.getRealWithError().getValue()) * scale,
                exact(r.getImaginaryWithError().getValue()) * scale));
      }
    }
    return out;
  }

  /** {@code |Π(iω − z) / Π(iω − p)|}. */
  private static double shape(List<Complex> zeros, List<Complex> poles, double omega) {
    double value = 1;
    for (Complex z : zeros) {
      value *= Math.hypot(-z.re(), omega - z.im());
    }
    for (Complex p : poles) {
      value /= Math.hypot(-p.re(), omega - p.im());
    }
    return value;
  }

  private static String normaliseLocation(String location) {
    String trimmed = location == null ? "" : location.trim();
    return "--".equals(trimmed) ? "" : trimmed;
  }

  private static double required(String where, String element, FloatNoUnitType value) {
    if (value == null) {
      throw new ConfigurationException(where + " has no " + element);
    }
    return exact(value.getValue());
  }

  private static double optional(FloatNoUnitType value) {
    return value == null ? Double.NaN : exact(value.getValue());
  }

  /**
   * seisFile keeps StationXML numbers as floats; going through their shortest decimal form gives
   * back the value as written (19.68466, not 19.684659957885742).
   */
  private static double exact(float value) {
    return Double.parseDouble(Float.toString(value));
  }

  private static Instant start(Instant start) {
    return start == null ? Instant.MIN : start;
  }

  private record StationEpoch(Instant start, Station station) {
    String key() {
      return station.key();
    }

    StationEpoch newer(StationEpoch other) {
      return other.start.compareTo(start) >= 0 ? other : this;
    }

    Station toStation() {
      return station;
    }
  }

  private record ChannelEpoch(Instant start, Channel channel) {
    String key() {
      return channel.location() + "." + channel.code();
    }

    ChannelEpoch newer(ChannelEpoch other) {
      return other.start.compareTo(start) >= 0 ? other : this;
    }
  }
}
