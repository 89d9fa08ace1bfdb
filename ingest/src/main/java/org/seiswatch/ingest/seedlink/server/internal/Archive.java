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
import java.util.List;
import org.seiswatch.common.error.ConfigurationException;
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
 */
public final class Archive implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Archive.class);

  private final List<Path> files;
  private final List<FileChannel> channels = new ArrayList<>();
  private final List<ArchiveEntry> entries = new ArrayList<>();

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
    LOG.info(
        "SeedLink archive: {} records from {} files ({} bad records skipped), {} to {}",
        entries.size(),
        files.size(),
        bad,
        first().startTime(),
        entries.get(entries.size() - 1).startTime());
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
