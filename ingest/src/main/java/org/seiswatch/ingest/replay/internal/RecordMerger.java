package org.seiswatch.ingest.replay.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges the records of many miniSEED files into one sequence in record start-time order (or
 * end-time order, for a paced replay): a k-way merge holding only the next item of each file, so
 * memory does not grow with the archive.
 *
 * <p>Order, total and deterministic for a given set of files: start time (or end time), then stream
 * id ({@code NET.STA.LOC.CHA}), then file path, then byte offset. A bad record sorts at the start
 * time of the good record before it in its file (or first, if there is none), so it comes out where
 * it lies in its file. The merge is exact when each file is in time order (one channel per file, as
 * FDSN web services and SDS archives write them); a file that goes back in time is replayed in its
 * own order from that point, and a warning names it.
 */
public final class RecordMerger implements Iterator<FileItem> {
  private static final Logger LOG = LoggerFactory.getLogger(RecordMerger.class);

  static final Comparator<Head> ORDER =
      Comparator.comparing((Head h) -> h.sortTime)
          .thenComparing(h -> h.streamKey)
          .thenComparing(h -> h.reader.file())
          .thenComparingLong(h -> h.item.offset());

  private final PriorityQueue<Head> queue = new PriorityQueue<>(ORDER);

  /** Merges in start-time order. */
  public RecordMerger(List<Path> files) {
    this(files, false);
  }

  /**
   * @param byEndTime order by record end time instead: the order in which a real-time source
   *     delivers records (each once its last sample is in), so that a paced replay releasing each
   *     record at its end time is not held up behind a longer record that started earlier
   */
  public RecordMerger(List<Path> files, boolean byEndTime) {
    for (Path file : files) {
      Head head = new Head(new MiniSeedFileReader(file), byEndTime);
      if (head.advance()) {
        queue.add(head);
      }
    }
  }

  @Override
  public boolean hasNext() {
    return !queue.isEmpty();
  }

  @Override
  public FileItem next() {
    Head head = queue.poll();
    if (head == null) {
      throw new NoSuchElementException("no more records");
    }
    FileItem item = head.item;
    if (head.advance()) {
      queue.add(head);
    }
    return item;
  }

  /** The next unread item of one file and the keys it sorts by. */
  static final class Head {
    private final MiniSeedFileReader reader;
    private FileItem item;
    private Instant sortTime = Instant.MIN;
    private Instant lastStart = Instant.MIN;
    private String streamKey = "";
    private boolean warned;
    private final boolean byEndTime;

    Head(MiniSeedFileReader reader, boolean byEndTime) {
      this.reader = reader;
      this.byEndTime = byEndTime;
    }

    boolean advance() {
      if (!reader.hasNext()) {
        return false;
      }
      item = reader.next();
      if (item instanceof GoodRecord good) {
        Instant start = good.record().startTime();
        if (start.isBefore(lastStart) && !warned) {
          warned = true;
          LOG.warn(
              "{} is not in time order (record at byte {} starts at {}, before {}); its records"
                  + " are replayed in file order from there",
              reader.file(),
              good.offset(),
              start,
              lastStart);
        }
        lastStart = start;
        sortTime = byEndTime ? good.record().nextStartTime() : start;
        streamKey = good.record().streamId().toString();
      }
      return true;
    }
  }
}
