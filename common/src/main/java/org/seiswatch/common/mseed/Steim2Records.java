package org.seiswatch.common.mseed;

import edu.iris.dmc.seedcodec.Steim2;
import edu.iris.dmc.seedcodec.SteimException;
import edu.iris.dmc.seedcodec.SteimFrameBlock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.seiswatch.common.model.StreamId;

/**
 * Writes integer samples as 512-byte miniSEED 2 records with Steim-2 data, the only payload
 * SeedLink 3 carries (SEED 2.4 manual, chapter 8 fixed header, blockettes 1000 and 1001, appendix B
 * Steim-2): a 48-byte big-endian fixed header, blockette 1000 (encoding 11, big-endian, 2^9 bytes),
 * blockette 1001 (microseconds and frame count), then seven 64-byte Steim-2 frames from byte 64.
 *
 * <p>Times: the fixed header holds 0.0001 s, blockette 1001 the remaining microseconds, so a start
 * time is kept to the microsecond (finer parts, possible in miniSEED 3, are truncated). Record
 * {@code k} of a run starts at {@code start + samplesBefore / rate}, rounded to the nanosecond
 * before that truncation, so no error accumulates along a run. The sample rate is written as SEED
 * factor and multiplier, which must represent it (to float32 precision).
 */
public final class Steim2Records {
  /** The record length SeedLink 3 carries. */
  public static final int RECORD_LENGTH = 512;

  public static final int DATA_OFFSET = 64;
  public static final int FRAMES = (RECORD_LENGTH - DATA_OFFSET) / 64;

  private static final int STEIM2 = 11;

  private Steim2Records() {}

  /** One record and how many of the given samples it holds. */
  public record Encoded(byte[] record, int samples) {}

  /**
   * Encodes as many of {@code samples[from..]} as fit in one record.
   *
   * @param previous the sample before {@code samples[from]} (the first difference is taken from
   *     it), or null when there is none
   * @param sequence the record's 6-digit sequence number field (modulo 1,000,000)
   * @throws IllegalArgumentException if the codes are too long for miniSEED 2, the rate cannot be
   *     written (see {@link #rateFactors}), or a difference needs more than 30 bits
   */
  public static Encoded encode(
      StreamId id,
      Instant start,
      double rate,
      int[] samples,
      int from,
      Integer previous,
      long sequence) {
    if (from >= samples.length) {
      throw new IllegalArgumentException("no sample to encode");
    }
    int[] rest = from == 0 ? samples : Arrays.copyOfRange(samples, from, samples.length);
    int bias = previous != null ? previous : rest[0];
    SteimFrameBlock block;
    byte[] frames;
    try {
      block = Steim2.encode(rest, FRAMES, bias);
      frames = block.getEncodedData();
    } catch (SteimException e) {
      throw new IllegalArgumentException(id + ": not Steim-2 encodable: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int n = block.getNumSamples();
    ByteBuffer b = ByteBuffer.allocate(RECORD_LENGTH).order(ByteOrder.BIG_ENDIAN);
    header(b, id, start, rate, n, sequence);
    b.position(DATA_OFFSET);
    b.put(frames, 0, Math.min(frames.length, RECORD_LENGTH - DATA_OFFSET));
    return new Encoded(b.array(), n);
  }

  /** All samples as consecutive records; record {@code k} gets sequence {@code first + k}. */
  public static List<byte[]> encodeAll(
      StreamId id, Instant start, double rate, int[] samples, long first) {
    List<byte[]> records = new ArrayList<>();
    int from = 0;
    while (from < samples.length) {
      Instant t = start.plus(MiniSeedRecord.samplesToDuration(from, rate));
      Encoded e =
          encode(
              id,
              t,
              rate,
              samples,
              from,
              from == 0 ? null : samples[from - 1],
              first + records.size());
      records.add(e.record());
      from += e.samples();
    }
    return records;
  }

  private static void header(
      ByteBuffer b, StreamId id, Instant start, double rate, int samples, long sequence) {
    int[] factorMultiplier = rateFactors(rate);
    b.put(
        String.format(Locale.ROOT, "%06d", Math.floorMod(sequence, 1_000_000L))
            .getBytes(StandardCharsets.US_ASCII));
    b.put((byte) 'D').put((byte) ' ');
    b.put(code(id.station(), 5, id)).put(code(id.location(), 2, id));
    b.put(code(id.channel(), 3, id)).put(code(id.network(), 2, id));
    ZonedDateTime t = start.atZone(ZoneOffset.UTC);
    int micros = t.getNano() / 1000;
    b.putShort((short) t.getYear()).putShort((short) t.getDayOfYear());
    b.put((byte) t.getHour()).put((byte) t.getMinute()).put((byte) t.getSecond()).put((byte) 0);
    b.putShort((short) (micros / 100));
    b.putShort((short) samples);
    b.putShort((short) factorMultiplier[0]).putShort((short) factorMultiplier[1]);
    b.put((byte) 0).put((byte) 0).put((byte) 0); // activity, I/O, data quality flags
    b.put((byte) 2); // blockettes: 1000, 1001
    b.putInt(0); // time correction (none; the start time is already correct)
    b.putShort((short) DATA_OFFSET).putShort((short) 48);
    b.putShort((short) 1000).putShort((short) 56);
    b.put((byte) STEIM2).put((byte) 1).put((byte) 9).put((byte) 0);
    b.putShort((short) 1001).putShort((short) 0);
    b.put((byte) 0).put((byte) (micros % 100)).put((byte) 0).put((byte) FRAMES);
  }

  private static byte[] code(String value, int width, StreamId id) {
    if (value.length() > width) {
      throw new IllegalArgumentException(
          id + ": code " + value + " longer than " + width + " characters (miniSEED 2 limit)");
    }
    byte[] out = new byte[width];
    Arrays.fill(out, (byte) ' ');
    byte[] v = value.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(v, 0, out, 0, v.length);
    return out;
  }

  /**
   * SEED sample rate factor and multiplier for {@code rate}: an integer rate as (rate, 1), a rate
   * {@code f/m} as (f, -m), a period {@code p/m} seconds as (-p, m). Within one part in 10^6, since
   * rates read from miniSEED 2 headers come as float32 values.
   */
  static int[] rateFactors(double rate) {
    if (!(rate > 0)) {
      throw new IllegalArgumentException("sample rate " + rate + " cannot be written");
    }
    for (int m = 1; m <= 1000; m++) {
      double f = rate * m;
      if (Math.rint(f) <= Short.MAX_VALUE && Math.rint(f) >= 1 && nearlyInteger(f)) {
        return new int[] {(int) Math.rint(f), m == 1 ? 1 : -m};
      }
      double p = m / rate;
      if (Math.rint(p) <= Short.MAX_VALUE && Math.rint(p) >= 1 && nearlyInteger(p)) {
        return new int[] {(int) -Math.rint(p), m};
      }
    }
    throw new IllegalArgumentException("sample rate " + rate + " Hz has no exact SEED factors");
  }

  private static boolean nearlyInteger(double x) {
    return Math.abs(x - Math.rint(x)) <= 1e-6 * Math.max(1, Math.abs(x));
  }
}
