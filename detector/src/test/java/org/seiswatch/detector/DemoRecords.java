package org.seiswatch.detector;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.seiswatch.common.demo.DemoEvent;
import org.seiswatch.common.model.Channel;
import org.seiswatch.common.model.Station;
import org.seiswatch.common.mseed.MiniSeed;
import org.seiswatch.common.mseed.MiniSeedRecord;

/** The bundled demo event as raw records and station metadata, for detector tests. */
public final class DemoRecords {
  private DemoRecords() {}

  /** One raw record with its station key and parsed header. */
  public record Raw(String key, Instant startTime, String channel, byte[] bytes) {}

  /** Every record of the 18 files, merged in record start-time order (ties: channel name). */
  public static List<Raw> inStartTimeOrder() {
    List<Raw> all = new ArrayList<>();
    for (String file : DemoEvent.waveformFiles()) {
      all.addAll(split(DemoEvent.read(file)));
    }
    all.sort(Comparator.comparing(Raw::startTime).thenComparing(Raw::channel));
    return all;
  }

  /** Splits one file into its records, in file order. */
  public static List<Raw> split(byte[] file) {
    List<Raw> records = new ArrayList<>();
    ByteBuffer buffer = ByteBuffer.wrap(file);
    while (buffer.remaining() > 0) {
      int length = MiniSeed.recordLength(buffer);
      byte[] bytes = Arrays.copyOfRange(file, buffer.position(), buffer.position() + length);
      buffer.position(buffer.position() + length);
      MiniSeedRecord record = MiniSeed.parse(bytes);
      records.add(
          new Raw(
              record.streamId().stationKey(),
              record.startTime(),
              record.streamId().toString(),
              bytes));
    }
    return records;
  }

  /** The 6 stations, from the bundled {@code stations.csv} (one row per channel). */
  public static List<Station> stations() {
    String csv =
        new String(DemoEvent.read("stations.csv"), java.nio.charset.StandardCharsets.UTF_8);
    List<String> lines = csv.lines().skip(1).filter(l -> !l.isBlank()).toList();
    List<Station> stations = new ArrayList<>();
    for (String sta : DemoEvent.STATIONS) {
      List<String[]> rows =
          lines.stream().map(l -> l.split(",", -1)).filter(r -> r[1].equals(sta)).toList();
      String[] r = rows.get(0);
      List<Channel> channels =
          rows.stream()
              .map(
                  c ->
                      new Channel(
                          c[2],
                          c[3],
                          Double.parseDouble(c[10]),
                          Double.parseDouble(c[8]),
                          Double.parseDouble(c[9]),
                          Double.parseDouble(c[11]),
                          1.0,
                          c[12]))
              .toList();
      stations.add(
          new Station(
              r[0],
              r[1],
              Double.parseDouble(r[4]),
              Double.parseDouble(r[5]),
              Double.parseDouble(r[6]),
              channels));
    }
    return stations;
  }
}
