package org.seiswatch.ingest.replay;

import edu.sc.seis.seisFile.mseed3.MSeed3Record;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.seiswatch.common.demo.DemoEvent;

/** Records and files built from the bundled demo event for replay tests. */
public final class TestRecords {
  public static final int LENGTH = 512;
  public static final String HUAD_HHZ = DemoEvent.waveformFiles().get(2);

  private TestRecords() {}

  /** The first {@code count} 512-byte records of the bundled HV.HUAD..HHZ file. */
  public static List<byte[]> huadHhz(int count) {
    byte[] all = DemoEvent.read(HUAD_HHZ);
    List<byte[]> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      records.add(Arrays.copyOfRange(all, i * LENGTH, (i + 1) * LENGTH));
    }
    return records;
  }

  /** A copy of {@code record} whose Steim frames (after the 64-byte header) are garbage. */
  public static byte[] corruptFrames(byte[] record) {
    byte[] bad = record.clone();
    Arrays.fill(bad, 64, bad.length, (byte) 0x55);
    return bad;
  }

  /** A copy of {@code record} whose fixed header starts with garbage. */
  public static byte[] corruptHeader(byte[] record) {
    byte[] bad = record.clone();
    Arrays.fill(bad, 0, 8, (byte) 'x');
    return bad;
  }

  public static byte[] concat(List<byte[]> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    parts.forEach(out::writeBytes);
    return out.toByteArray();
  }

  public static Path write(Path file, List<byte[]> parts) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    return Files.write(file, concat(parts));
  }

  /**
   * {@code count} contiguous miniSEED 3 Steim-2 records of XX.TEST.00.HHZ at 100 Hz, record i
   * holding 100 + 37 i samples (so lengths differ).
   */
  public static List<byte[]> miniSeed3(int count, Instant start) throws Exception {
    List<byte[]> records = new ArrayList<>();
    Instant time = start;
    for (int r = 0; r < count; r++) {
      int[] samples = new int[100 + 37 * r];
      for (int i = 0; i < samples.length; i++) {
        samples[i] = (int) (1000 * Math.sin((r * 1000 + i) / 7.0)) + i * 3;
      }
      MSeed3Record ms3 = new MSeed3Record();
      ms3.setSourceId("FDSN:XX_TEST_00_H_H_Z");
      ms3.setStartDateTime(time);
      ms3.setSampleRatePeriod(100);
      ms3.steim2Timeseries(samples);
      records.add(ms3.toByteArray());
      time = time.plusMillis(samples.length * 10L);
    }
    return records;
  }
}
