package org.seiswatch.ingest.replay.internal;

import java.nio.file.Path;

/** One item read from a miniSEED file: a good record, or a stretch of bytes that is not one. */
public sealed interface FileItem permits GoodRecord, BadRecord {
  /** The file it was read from. */
  Path file();

  /** Byte offset of its first byte in {@link #file()}. */
  long offset();
}
