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
 * Merges the records of many miniSEED files into one sequence in record start-time order: a k-way
 * merge holding only the next item of each file, so memory does not grow with the archive.
 *
 * <p>Order, total and deterministic for a given set of files: start time, then stream id ({@code
 * NET.STA.LOC.CHA}), then file path, then byte offset. A bad record sorts at the start time of the
 * good record before it in its file (or first, if there is none), so it comes out where it lies in
 * its file. The merge is exact when each file is in time order (one channel per file, as FDSN web
 * services and SDS archives write them); a file that goes back in time is replayed in its own order
 * from that point, and a warning names it.
 */
public final class RecordMerger implements Iterator<FileItem> {
  private static final Logger LOG = LoggerFactory.getLogger(RecordMerger.class);

  static final Comparator<Head> ORDER =
      Comparator.comparing((Head h) -> h.sortTime)
          .thenComparing(h -> h.streamKey)
          .thenComparing(h -> h.reader.file())
          .thenComparingLong(h -> h.item.offset());

  private final PriorityQueue<Head> queue = new PriorityQueue<>(ORDER);

  public RecordMerger(List<Path> files) {
    for (Path file : files) {
      Head head = new Head(new MiniSeedFileReader(file));
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
    private String streamKey = "";
    private boolean warned;

    Head(MiniSeedFileReader reader) {
      this.reader = reader;
    }

    boolean advance() {
      if (!reader.hasNext()) {
        return false;
      }
      item = reader.next();
      if (item instanceof GoodRecord good) {
        Instant start = good.record().startTime();
        if (start.isBefore(sortTime) && !warned) {
          warned = true;
          LOG.warn(
              "{} is not in time order (record at byte {} starts at {}, before {}); its records"
                  + " are replayed in file order from there",
              reader.file(),
              good.offset(),
              start,
              sortTime);
        }
        sortTime = start;
        streamKey = good.record().streamId().toString();
      }
      return true;
    }
  }
}
