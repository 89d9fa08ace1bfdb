package org.seiswatch.ingest.seedlink.server.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.seiswatch.common.error.ConfigurationException;
import org.seiswatch.common.error.InvalidRecordException;
import org.seiswatch.common.mseed.MiniSeed;
import org.seiswatch.ingest.replay.InputFiles;
import org.seiswatch.ingest.replay.internal.BadRecord;
import org.seiswatch.ingest.replay.internal.FileItem;
import org.seiswatch.ingest.replay.internal.GoodRecord;
import org.seiswatch.ingest.replay.internal.RecordMerger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records a SeedLink server serves: every good record of the given files in the replay order
 * (start time, stream id, file, offset; {@link RecordMerger}), indexed so that record {@code i} has
 * sequence number {@code i} (plus {@code size()} per completed loop). The same files therefore give
 * the same sequence numbers after a restart. Only the index is kept in memory; record bytes are
 * read from the files when sent.
 *
 * <p>SeedLink 3 has its own sequence space, because it carries only 512-byte miniSEED 2 records:
 * every other record (longer v2, any v3) is repacked into {@code n >= 1} 512-byte Steim-2 records
 * ({@link Repacker}), each with its own sequence number, so a client resuming after any of them
 * neither loses nor repeats data. The v3 sequence of piece {@code p} of entry {@code i} is the
 * number of v3 packets of the entries before {@code i} plus {@code p} (plus the v3 packets of one
 * pass per completed loop). Counting the pieces repacks every such record once at start; repacking
 * is deterministic, so the same files give the same v3 numbers after a restart, and an archive of
 * 512-byte v2 records only has v3 sequence = archive sequence. Records that cannot be repacked
 * (floating-point samples, say) have no v3 packet.
 */
public final class Archive implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Archive.class);

  private final List<Path> files;
  private final List<FileChannel> channels = new ArrayList<>();
  private final List<ArchiveEntry> entries = new ArrayList<>();
  private int[] v3Counts;
  private long[] v3First;
  private long v3Total;

  public Archive(List<Path> inputs) {
    this.files = InputFiles.miniSeed(inputs);
    List<Path> indexOf = new ArrayList<>(files);
    RecordMerger merger = new RecordMerger(files);
    int bad = 0;
    while (merger.hasNext()) {
      FileItem item = merger.next();
      if (item instanceof GoodRecord good) {
        entries.add(
            new ArchiveEntry(
                indexOf.indexOf(good.file()),
                good.offset(),
                good.record().bytes().length,
                good.record().formatVersion(),
                good.record().streamId(),
                good.record().startTime()));
      } else if (item instanceof BadRecord b) {
        bad++;
        LOG.warn("not served: {}", b);
      }
    }
    if (entries.isEmpty()) {
      throw new ConfigurationException("no good miniSEED record in " + inputs);
    }
    try {
      for (Path file : files) {
        channels.add(FileChannel.open(file, StandardOpenOption.READ));
      }
    } catch (IOException e) {
      close();
      throw new ConfigurationException("cannot open archive file: " + e.getMessage(), e);
    }
    indexV3();
    LOG.info(
        "SeedLink archive: {} records from {} files ({} bad records skipped), {} to {}",
        entries.size(),
        files.size(),
        bad,
        first().startTime(),
        entries.get(entries.size() - 1).startTime());
  }

  private void indexV3() {
    v3Counts = new int[entries.size()];
    v3First = new long[entries.size()];
    Set<String> warned = new HashSet<>();
    int repacked = 0;
    long total = 0;
    for (int i = 0; i < entries.size(); i++) {
      ArchiveEntry e = entries.get(i);
      v3First[i] = total;
      if (Repacker.fitsV3(e.formatVersion(), e.length())) {
        v3Counts[i] = 1;
      } else {
        v3Counts[i] = repack(e, 0, warned).size();
        repacked++;
      }
      total += v3Counts[i];
    }
    v3Total = total;
    if (repacked > 0) {
      LOG.info(
          "SeedLink archive: {} records are repacked into {} 512-byte records for SeedLink 3",
          repacked,
          total - (entries.size() - repacked));
    }
  }

  private List<byte[]> repack(ArchiveEntry e, long firstSequence, Set<String> warned) {
    try {
      return Repacker.repack(MiniSeed.parse(read(e)), firstSequence);
    } catch (IllegalArgumentException | InvalidRecordException x) {
      if (warned.add(e.streamId().toString())) {
        LOG.warn("{}: not served over SeedLink 3: {}", e.streamId(), x.getMessage());
      }
      return List.of();
    }
  }

  /** How many SeedLink 3 packets one pass through the archive has. */
  public long v3Size() {
    return v3Total;
  }

  /** The SeedLink 3 sequence number of piece {@code piece} of archive sequence {@code sequence}. */
  public long v3Sequence(long sequence, int piece) {
    long loop = sequence / entries.size();
    int i = (int) (sequence % entries.size());
    return loop * v3Total + v3First[i] + piece;
  }

  /**
   * The archive sequence whose SeedLink 3 packets include {@code v3Sequence}, or the next one that
   * has packets.
   */
  public long archiveSequence(long v3Sequence) {
    if (v3Total == 0) {
      return 0;
    }
    long loop = v3Sequence / v3Total;
    long r = v3Sequence % v3Total;
    int lo = 0;
    int hi = entries.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (v3First[mid] <= r) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return loop * entries.size() + lo;
  }

  /**
   * The SeedLink 3 payloads of archive sequence {@code sequence}: the record itself if it is a
   * 512-byte v2 record, else its repacked records (none if it cannot be repacked).
   */
  public List<byte[]> v3Records(long sequence) {
    ArchiveEntry e = entry(sequence);
    if (Repacker.fitsV3(e.formatVersion(), e.length())) {
      return List.of(read(e));
    }
    int i = (int) Long.remainderUnsigned(sequence, entries.size());
    return v3Counts[i] == 0 ? List.of() : repack(e, v3Sequence(sequence, 0), new HashSet<>());
  }

  public int size() {
    return entries.size();
  }

  /** The entry served under sequence number {@code sequence} (archive index modulo size). */
  public ArchiveEntry entry(long sequence) {
    return entries.get((int) Long.remainderUnsigned(sequence, entries.size()));
  }

  public ArchiveEntry first() {
    return entries.get(0);
  }

  /** Data time span of one pass through the archive plus one second, the period of a loop. */
  public Duration loopPeriod() {
    return Duration.between(first().startTime(), entries.get(entries.size() - 1).startTime())
        .plusSeconds(1);
  }

  /** When, in data time, sequence {@code sequence} starts, loops laid end to end. */
  public Instant dataTime(long sequence) {
    long loop = sequence / entries.size();
    return entry(sequence).startTime().plus(loopPeriod().multipliedBy(loop));
  }

  public byte[] read(ArchiveEntry entry) {
    ByteBuffer buffer = ByteBuffer.allocate(entry.length());
    FileChannel channel = channels.get(entry.file());
    try {
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, entry.offset() + buffer.position()) < 0) {
          throw new IOException("unexpected end of " + files.get(entry.file()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.array();
  }

  @Override
  public void close() {
    for (FileChannel channel : channels) {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.debug("closing archive file", e);
      }
    }
  }
}
