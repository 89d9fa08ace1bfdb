package org.seiswatch.common.mseed;

import edu.iris.dmc.seedcodec.SteimException;
import edu.iris.dmc.seedcodec.SteimFrameBlock;
import edu.sc.seis.seisFile.mseed.Blockette1000;
import edu.sc.seis.seisFile.mseed.Btime;
import edu.sc.seis.seisFile.mseed.DataHeader;
import edu.sc.seis.seisFile.mseed.DataRecord;
import edu.sc.seis.seisFile.mseed.SeedFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.seiswatch.common.model.StreamId;

/**
 * Writes integer samples as 512-byte Steim-2 miniSEED v2 records (48-byte header, blockette 1000, 7
 * Steim frames), big-endian, as SeedLink 3 carries them: for synthetic data in tests and
 * benchmarks.
 */
public final class MiniSeedWriter {
  private static final int FRAMES = 7;

  private MiniSeedWriter() {}

  /** One record: its start time and bytes. */
  public record Written(Instant start, byte[] bytes) {}

  /** Consecutive records holding {@code samples}, the first starting at {@code start}. */
  public static List<Written> write(StreamId id, Instant start, double rate, int[] samples) {
    List<Written> out = new ArrayList<>();
    int seq = 1;
    for (int from = 0; from < samples.length; ) {
      try {
        int[] rest = Arrays.copyOfRange(samples, from, samples.length);
        SteimFrameBlock block = edu.iris.dmc.seedcodec.Steim2.encode(rest, FRAMES);
        int n = block.getNumSamples();
        Instant t = start.plusNanos(Math.round(from * 1e9 / rate));
        DataHeader header = new DataHeader(seq++, 'D', false);
        header.setNetworkCode(id.network());
        header.setStationIdentifier(id.station());
        header.setLocationIdentifier(id.location());
        header.setChannelIdentifier(id.channel());
        header.setStartBtime(new Btime(t));
        header.setNumSamples((short) n);
        header.setSampleRate(rate);
        DataRecord record = new DataRecord(header);
        Blockette1000 b1000 = new Blockette1000();
        b1000.setEncodingFormat((byte) 11);
        b1000.setWordOrder(Blockette1000.SEED_BIG_ENDIAN);
        b1000.setDataRecordLength((byte) 9);
        record.addBlockette(b1000);
        record.setData(block.getEncodedData());
        record.setRecordSize(512);
        out.add(new Written(t, record.toByteArray()));
        from += n;
      } catch (SteimException | SeedFormatException e) {
        throw new IllegalStateException(e);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }
}
