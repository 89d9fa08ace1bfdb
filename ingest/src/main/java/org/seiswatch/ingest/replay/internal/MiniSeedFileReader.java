package org.seiswatch.ingest.replay.internal;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.seiswatch.common.error.InvalidRecordException;
import org.seiswatch.common.mseed.MiniSeed;
import org.seiswatch.common.mseed.MiniSeedRecord;

/**
 * Walks one miniSEED file (format 2 or 3, records of any length, formats mixed) record by record.
 * Each record is parsed and its samples decoded ({@link MiniSeed#parse}, {@link MiniSeed#decode}),
 * so a corrupt header and a corrupt data section are both caught; a good record comes out as a
 * {@link GoodRecord}, anything else as a {@link BadRecord} and reading goes on.
 *
 * <p>Resynchronising after a bad record: the next record is taken to start at the first of these
 * that holds a parsable record (or is the end of the file): the bad record's own length from its
 * header, if readable; the length of the last good record in this file; otherwise the next record
 * found scanning forward byte by byte. The scan checks a cheap signature first (six-digit sequence
 * number and quality code for miniSEED 2, {@code MS\3} for miniSEED 3) and confirms with a full
 * parse. It goes byte by byte rather than in 64-byte steps because junk of any length (a partial
 * write, v3 records of any size) shifts the records after it off the 64-byte grid. A truncated tail
 * is one bad record.
 */
public final class MiniSeedFileReader implements Iterator<FileItem> {
  /** Bad stretches longer than this are cut in the dead letter (Kafka's request size is 1 MiB). */
  public static final int MAX_DEAD_LETTER_BYTES = 64 * 1024;

  private static final int HEADER_PEEK = 8192;

  private final Path file;
  private final FileWindow window;
  private long offset;
  private int lastGoodLength;
  private FileItem next;

  public MiniSeedFileReader(Path file) {
    this.file = file;
    this.window = new FileWindow(file);
  }

  public Path file() {
    return file;
  }

  @Override
  public boolean hasNext() {
    if (next == null && offset < window.size()) {
      next = readAt(offset);
    }
    return next != null;
  }

  @Override
  public FileItem next() {
    if (!hasNext()) {
      throw new NoSuchElementException(file + ": no more records");
    }
    FileItem item = next;
    next = null;
    return item;
  }

  private FileItem readAt(long start) {
    long remaining = window.size() - start;
    int length;
    try {
      length = MiniSeed.recordLength(window.view(start, HEADER_PEEK));
    } catch (InvalidRecordException e) {
      return bad(start, resync(start, 0), e.getMessage());
    }
    if (length > remaining) {
      return bad(
          start,
          resync(start, 0),
          "truncated record: header says " + length + " bytes, " + remaining + " left in the file");
    }
    try {
      MiniSeedRecord record = MiniSeed.parse(window.read(start, length));
      MiniSeed.decode(record);
      offset = start + length;
      lastGoodLength = length;
      return new GoodRecord(file, start, record);
    } catch (InvalidRecordException e) {
      return bad(start, resync(start, length), e.getMessage());
    }
  }

  private BadRecord bad(long start, long end, String reason) {
    offset = end;
    long length = end - start;
    byte[] bytes = window.read(start, (int) Math.min(length, MAX_DEAD_LETTER_BYTES));
    String why =
        length > MAX_DEAD_LETTER_BYTES
            ? reason + " (" + length + " bad bytes, first " + MAX_DEAD_LETTER_BYTES + " kept)"
            : reason;
    return new BadRecord(file, start, length, bytes, why);
  }

  /** Where reading goes on after a bad record at {@code start}; see the class comment. */
  private long resync(long start, int headerLength) {
    for (int candidate : new int[] {headerLength, lastGoodLength}) {
      long position = start + candidate;
      if (candidate > 0 && (position == window.size() || isRecordAt(position))) {
        return position;
      }
    }
    for (long position = start + 1;
        position <= window.size() - MiniSeed.MIN_RECORD_LENGTH;
        position++) {
      if ((looksLikeV2(position) || looksLikeV3(position)) && isRecordAt(position)) {
        return position;
      }
    }
    return window.size();
  }

  private boolean isRecordAt(long position) {
    if (position >= window.size()) {
      return false;
    }
    try {
      int length = MiniSeed.recordLength(window.view(position, HEADER_PEEK));
      if (length > window.size() - position) {
        return false;
      }
      MiniSeed.parse(window.read(position, length));
      return true;
    } catch (InvalidRecordException e) {
      return false;
    }
  }

  /** Cheap pre-check before parsing: six-digit sequence number and a data quality code. */
  private boolean looksLikeV2(long position) {
    ByteBuffer head = window.view(position, 7);
    for (int i = 0; i < 6; i++) {
      byte c = head.get(i);
      if (!(c >= '0' && c <= '9') && c != ' ') {
        return false;
      }
    }
    byte quality = head.get(6);
    return quality == 'D' || quality == 'R' || quality == 'Q' || quality == 'M';
  }

  private boolean looksLikeV3(long position) {
    ByteBuffer head = window.view(position, 3);
    return head.get(0) == 'M' && head.get(1) == 'S' && head.get(2) == 3;
  }

  @Override
  public String toString() {
    return "MiniSeedFileReader[" + file + " @" + offset + "]";
  }
}
