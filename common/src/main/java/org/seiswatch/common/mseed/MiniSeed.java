package org.seiswatch.common.mseed;

import edu.iris.dmc.seedcodec.Codec;
import edu.iris.dmc.seedcodec.CodecException;
import edu.iris.dmc.seedcodec.DecompressedData;
import edu.iris.dmc.seedcodec.Steim1;
import edu.iris.dmc.seedcodec.Steim2;
import edu.iris.dmc.seedcodec.SteimException;
import edu.iris.dmc.seedcodec.UnsupportedCompressionType;
import edu.sc.seis.seisFile.mseed.Blockette;
import edu.sc.seis.seisFile.mseed.Blockette1000;
import edu.sc.seis.seisFile.mseed.Blockette1001;
import edu.sc.seis.seisFile.mseed.DataHeader;
import edu.sc.seis.seisFile.mseed.DataRecord;
import edu.sc.seis.seisFile.mseed.SeedFormatException;
import edu.sc.seis.seisFile.mseed.SeedRecord;
import edu.sc.seis.seisFile.mseed3.FDSNSourceId;
import edu.sc.seis.seisFile.mseed3.MSeed3Record;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.zip.CRC32C;
import org.seiswatch.common.error.InvalidRecordException;
import org.seiswatch.common.model.StreamId;

/**
 * Parses, checks and decodes miniSEED records of format version 2 (SEED 2.4 manual, chapter 8 and
 * blockette 1000) and version 3 (FDSN miniSEED 3 specification,
 * https://docs.fdsn.org/projects/miniseed3/) with seisFile.
 *
 * <p>Two seisFile gaps are worked around here: miniSEED 3 CRCs are not checked by seisFile, so
 * {@link #parse} checks them; and {@code MSeed3Record.decompress()} byte-swaps Steim frames, which
 * are big-endian in every miniSEED 3 record, so Steim data are decoded with {@code
 * Steim1/2.decode(bytes, n, false)} directly.
 */
public final class MiniSeed {
  /**
   * Smallest record either format allows: a v2 fixed header plus blockette 1000, or a v3 fixed
   * header.
   */
  public static final int MIN_RECORD_LENGTH = 40;

  private static final int V3_FIXED_HEADER = 40;
  private static final int STEIM1 = 10;
  private static final int STEIM2 = 11;

  private MiniSeed() {}

  /**
   * The length in bytes of the record starting at {@code buffer}'s position, read from its header
   * without consuming anything: blockette 1000's record-length exponent (v2) or the fixed-header
   * lengths (v3).
   *
   * @throws InvalidRecordException if no record header starts there
   */
  public static int recordLength(ByteBuffer buffer) {
    ByteBuffer b = buffer.slice();
    if (b.remaining() < MIN_RECORD_LENGTH) {
      throw new InvalidRecordException("truncated record: " + b.remaining() + " bytes left");
    }
    if (b.get(0) == 'M' && b.get(1) == 'S' && b.get(2) == 3) {
      b.order(ByteOrder.LITTLE_ENDIAN);
      int sidLength = Byte.toUnsignedInt(b.get(33));
      int extraLength = Short.toUnsignedInt(b.getShort(34));
      long dataLength = Integer.toUnsignedLong(b.getInt(36));
      long total = V3_FIXED_HEADER + sidLength + extraLength + dataLength;
      if (total > 1 << 24) {
        throw new InvalidRecordException("miniSEED 3 record length " + total + " is implausible");
      }
      return (int) total;
    }
    return v2RecordLength(b);
  }

  private static int v2RecordLength(ByteBuffer b) {
    if (!isV2Header(b)) {
      throw new InvalidRecordException(
          "no miniSEED 2 or 3 header here (bad sequence number or quality code)");
    }
    b.order(v2ByteOrder(b));
    int next = Short.toUnsignedInt(b.getShort(46));
    for (int hops = 0; next != 0 && hops < 32; hops++) {
      if (next + 8 > b.remaining()) {
        throw new InvalidRecordException("blockette offset " + next + " lies outside the record");
      }
      int type = Short.toUnsignedInt(b.getShort(next));
      if (type == 1000) {
        int exponent = b.get(next + 6);
        if (exponent < 7 || exponent > 20) {
          throw new InvalidRecordException(
              "blockette 1000 record length exponent " + exponent + " out of range");
        }
        return 1 << exponent;
      }
      next = Short.toUnsignedInt(b.getShort(next + 2));
    }
    throw new InvalidRecordException(
        "miniSEED 2 record without blockette 1000 (record length unknown)");
  }

  private static boolean isV2Header(ByteBuffer b) {
    for (int i = 0; i < 6; i++) {
      byte c = b.get(i);
      if (!(c >= '0' && c <= '9') && c != ' ') {
        return false;
      }
    }
    byte quality = b.get(6);
    return quality == 'D' || quality == 'R' || quality == 'Q' || quality == 'M';
  }

  private static ByteOrder v2ByteOrder(ByteBuffer b) {
    int year = Short.toUnsignedInt(b.order(ByteOrder.BIG_ENDIAN).getShort(20));
    return year >= 1900 && year <= 2500 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
  }

  /**
   * The start time of the record at {@code buffer}'s position, read from the fixed header alone
   * (v2: BTIME, time correction, blockette 1001 microseconds; v3: the start fields): cheap enough
   * for a Kafka timestamp extractor. Does not check the rest of the record; {@link #parse} does.
   *
   * @throws InvalidRecordException if no record header starts there
   */
  public static Instant startTime(ByteBuffer buffer) {
    ByteBuffer b = buffer.slice();
    if (b.remaining() < MIN_RECORD_LENGTH) {
      throw new InvalidRecordException("truncated record: " + b.remaining() + " bytes left");
    }
    if (b.get(0) == 'M' && b.get(1) == 'S' && b.get(2) == 3) {
      b.order(ByteOrder.LITTLE_ENDIAN);
      return utc(b.getShort(8), b.getShort(10), b.get(12), b.get(13), b.get(14), b.getInt(4));
    }
    if (!isV2Header(b)) {
      throw new InvalidRecordException(
          "no miniSEED 2 or 3 header here (bad sequence number or quality code)");
    }
    b.order(v2ByteOrder(b));
    long nanos = Short.toUnsignedInt(b.getShort(28)) * 100_000L;
    if ((b.get(36) & 0x02) == 0) {
      nanos += b.getInt(40) * 100_000L;
    }
    int next = Short.toUnsignedInt(b.getShort(46));
    for (int hops = 0; next != 0 && next + 6 <= b.remaining() && hops < 32; hops++) {
      if (Short.toUnsignedInt(b.getShort(next)) == 1001) {
        nanos += b.get(next + 5) * 1_000L;
      }
      next = Short.toUnsignedInt(b.getShort(next + 2));
    }
    return utc(b.getShort(20), b.getShort(22), b.get(24), b.get(25), b.get(26), 0).plusNanos(nanos);
  }

  private static Instant utc(
      int year, int dayOfYear, int hour, int minute, int second, long nanos) {
    if (year < 1900 || year > 2500 || dayOfYear < 1 || dayOfYear > 366) {
      throw new InvalidRecordException(
          "implausible record start time: year " + year + " day " + dayOfYear);
    }
    return java.time.LocalDate.ofYearDay(year, dayOfYear)
        .atStartOfDay(java.time.ZoneOffset.UTC)
        .toInstant()
        .plusSeconds(hour * 3600L + minute * 60L + second)
        .plusNanos(nanos);
  }

  /**
   * Parses and checks one whole record.
   *
   * @throws InvalidRecordException naming what is wrong: header, length, CRC, codes, rate or sample
   *     count
   */
  public static MiniSeedRecord parse(byte[] bytes) {
    if (bytes == null || bytes.length < MIN_RECORD_LENGTH) {
      throw new InvalidRecordException(
          "record too short: " + (bytes == null ? 0 : bytes.length) + " bytes");
    }
    int length = recordLength(ByteBuffer.wrap(bytes));
    if (length != bytes.length) {
      throw new InvalidRecordException(
          "record header says " + length + " bytes but " + bytes.length + " were given");
    }
    try {
      return bytes[0] == 'M' && bytes[1] == 'S' && bytes[2] == 3 ? parseV3(bytes) : parseV2(bytes);
    } catch (IOException | SeedFormatException | RuntimeException e) {
      if (e instanceof InvalidRecordException invalid) {
        throw invalid;
      }
      throw new InvalidRecordException("unparsable miniSEED: " + e.getMessage(), e);
    }
  }

  private static MiniSeedRecord parseV2(byte[] bytes) throws IOException, SeedFormatException {
    SeedRecord seed = SeedRecord.read(bytes);
    if (!(seed instanceof DataRecord data)) {
      throw new InvalidRecordException("miniSEED 2 control record, not a data record");
    }
    DataHeader header = data.getHeader();
    StreamId id =
        streamId(
            header.getNetworkCode(),
            header.getStationIdentifier(),
            header.getLocationIdentifier(),
            header.getChannelIdentifier());
    Instant start = header.getStartBtime().toInstant();
    if ((header.getActivityFlags() & 0x02) == 0 && header.getTimeCorrection() != 0) {
      start = start.plusNanos(header.getTimeCorrection() * 100_000L);
    }
    for (Blockette blockette : data.getBlockettes(1001)) {
      start = start.plusNanos(((Blockette1001) blockette).getMicrosecond() * 1_000L);
    }
    int encoding = data.getUniqueBlockette(1000) == null ? -1 : encodingOf(data);
    return checked(
        new MiniSeedRecord(
            id, start, data.getSampleRate(), header.getNumSamples(), 2, encoding, bytes));
  }

  private static int encodingOf(DataRecord data) throws SeedFormatException {
    return ((Blockette1000) data.getUniqueBlockette(1000)).getEncodingFormat();
  }

  private static MiniSeedRecord parseV3(byte[] bytes) throws IOException, SeedFormatException {
    checkCrc(bytes);
    MSeed3Record record =
        MSeed3Record.fromByteBuffer(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN));
    FDSNSourceId sid = record.getSourceId();
    StreamId id =
        streamId(
            sid.getNetworkCode(),
            sid.getStationCode(),
            sid.getLocationCode(),
            sid.getBandCode() + sid.getSourceCode() + sid.getSubsourceCode());
    return checked(
        new MiniSeedRecord(
            id,
            record.getStartInstant(),
            record.samplingAsRate(),
            record.getNumSamples(),
            3,
            record.getTimeseriesEncodingFormat(),
            bytes));
  }

  private static void checkCrc(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int stored = b.getInt(28);
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, 28);
    crc.update(new byte[4]);
    crc.update(bytes, 32, bytes.length - 32);
    if ((int) crc.getValue() != stored) {
      throw new InvalidRecordException(
          String.format(
              "miniSEED 3 CRC mismatch: header 0x%08X, computed 0x%08X", stored, crc.getValue()));
    }
  }

  private static StreamId streamId(String net, String sta, String loc, String cha) {
    try {
      return new StreamId(net.trim(), sta.trim(), loc.trim(), cha.trim());
    } catch (IllegalArgumentException e) {
      throw new InvalidRecordException("bad stream codes: " + e.getMessage(), e);
    }
  }

  private static MiniSeedRecord checked(MiniSeedRecord record) {
    if (record.sampleCount() < 0) {
      throw new InvalidRecordException(record.streamId() + ": negative sample count");
    }
    if (record.sampleCount() > 0 && !(record.sampleRate() > 0 && record.sampleRate() < 1e6)) {
      throw new InvalidRecordException(
          record.streamId() + ": sample rate " + record.sampleRate() + " Hz is not usable");
    }
    return record;
  }

  /**
   * Decodes the record's samples. Steim-1/2 frames are always big-endian (v2 blockette 1000 may say
   * otherwise only for the other encodings; v3 requires big-endian Steim); other encodings follow
   * the record's byte order.
   *
   * @throws InvalidRecordException if the data section is corrupt or the encoding unsupported
   */
  public static double[] decode(MiniSeedRecord record) {
    try {
      return record.formatVersion() == 3 ? decodeV3(record) : decodeV2(record);
    } catch (IOException | SeedFormatException | CodecException e) {
      throw new InvalidRecordException(
          record.streamId() + ": cannot decode samples: " + e.getMessage(), e);
    }
  }

  private static double[] decodeV2(MiniSeedRecord record)
      throws IOException, SeedFormatException, CodecException, UnsupportedCompressionType {
    DataRecord data = (DataRecord) SeedRecord.read(record.bytes());
    double[] samples = checkedCount(record, toDoubles(data.decompress()));
    Blockette1000 b1000 = (Blockette1000) data.getUniqueBlockette(1000);
    if (isSteim(record.encoding()) && b1000.isBigEndian()) {
      checkIntegrationConstants(record, data.getData(), samples);
    }
    return samples;
  }

  private static boolean isSteim(int encoding) {
    return encoding == STEIM1 || encoding == STEIM2;
  }

  /**
   * Steim frame 0 carries the first sample (X0) and the last (Xn): a decode that does not end on Xn
   * means a corrupt data section, which seedCodec itself does not report.
   */
  private static void checkIntegrationConstants(
      MiniSeedRecord record, byte[] payload, double[] samples) {
    if (samples.length == 0 || payload.length < 12) {
      return;
    }
    ByteBuffer frame = ByteBuffer.wrap(payload).order(ByteOrder.BIG_ENDIAN);
    int first = frame.getInt(4);
    int last = frame.getInt(8);
    if (samples[0] != first || samples[samples.length - 1] != last) {
      throw new InvalidRecordException(
          record.streamId()
              + ": corrupt Steim data: decoded samples end at "
              + (long) samples[samples.length - 1]
              + ", reverse integration constant says "
              + last);
    }
  }

  private static double[] decodeV3(MiniSeedRecord record)
      throws IOException, SeedFormatException, CodecException, UnsupportedCompressionType {
    MSeed3Record ms3 =
        MSeed3Record.fromByteBuffer(ByteBuffer.wrap(record.bytes()).order(ByteOrder.LITTLE_ENDIAN));
    byte[] payload = ms3.getTimeseriesBytes();
    int n = ms3.getNumSamples();
    int encoding = ms3.getTimeseriesEncodingFormat();
    if (isSteim(encoding)) {
      try {
        int[] samples =
            encoding == STEIM1
                ? Steim1.decode(payload, n, false)
                : Steim2.decode(payload, n, false);
        double[] decoded = checkedCount(record, toDoubles(samples));
        checkIntegrationConstants(record, payload, decoded);
        return decoded;
      } catch (SteimException e) {
        throw new InvalidRecordException(
            record.streamId() + ": corrupt Steim data: " + e.getMessage(), e);
      }
    }
    return checkedCount(record, toDoubles(new Codec().decompress(encoding, payload, n, true)));
  }

  private static double[] checkedCount(MiniSeedRecord record, double[] samples) {
    if (samples.length != record.sampleCount()) {
      throw new InvalidRecordException(
          record.streamId()
              + ": decoded "
              + samples.length
              + " samples, header says "
              + record.sampleCount());
    }
    return samples;
  }

  private static double[] toDoubles(DecompressedData data) {
    return toDoubles(data.getAsDouble());
  }

  private static double[] toDoubles(double[] values) {
    return values;
  }

  private static double[] toDoubles(int[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }
}
