package org.seiswatch.ingest.replay.internal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * A stretch of a file that is not a usable record: from {@code offset}, {@code length} bytes long,
 * up to the point where reading resynchronised. {@code bytes} holds its first bytes (all of them
 * unless the stretch is longer than {@link MiniSeedFileReader#MAX_DEAD_LETTER_BYTES}).
 */
public record BadRecord(Path file, long offset, long length, byte[] bytes, String reason)
    implements FileItem {
  public BadRecord {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(reason, "reason");
    if (offset < 0 || length <= 0) {
      throw new IllegalArgumentException("offset " + offset + ", length " + length);
    }
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BadRecord b
        && file.equals(b.file)
        && offset == b.offset
        && length == b.length
        && Arrays.equals(bytes, b.bytes)
        && reason.equals(b.reason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(file, offset, length, Arrays.hashCode(bytes), reason);
  }

  @Override
  public String toString() {
    return "BadRecord[" + file + " @" + offset + ", " + length + " bytes: " + reason + "]";
  }
}
