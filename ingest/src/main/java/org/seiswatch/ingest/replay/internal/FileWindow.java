package org.seiswatch.ingest.replay.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.seiswatch.common.error.SeiswatchException;

/**
 * Random access to a file through one cached chunk. The file is opened only while a chunk is read,
 * so a merge over thousands of archive files never holds thousands of descriptors, and memory per
 * file stays at one chunk.
 */
final class FileWindow {
  static final int CHUNK = 64 * 1024;

  private final Path file;
  private final long size;
  private long chunkStart;
  private byte[] chunk = new byte[0];

  FileWindow(Path file) {
    this.file = file;
    try {
      this.size = Files.size(file);
    } catch (IOException e) {
      throw new SeiswatchException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  long size() {
    return size;
  }

  /** A read-only view of up to {@code maxLength} bytes at {@code offset}, fewer at the end. */
  ByteBuffer view(long offset, int maxLength) {
    int length = (int) Math.min(maxLength, size - offset);
    ensure(offset, length);
    return ByteBuffer.wrap(chunk, (int) (offset - chunkStart), length).slice().asReadOnlyBuffer();
  }

  /** Exactly {@code length} bytes at {@code offset}; the caller checked they exist. */
  byte[] read(long offset, int length) {
    ensure(offset, length);
    int from = (int) (offset - chunkStart);
    return Arrays.copyOfRange(chunk, from, from + length);
  }

  private void ensure(long offset, int length) {
    if (offset >= chunkStart && offset + length <= chunkStart + chunk.length) {
      return;
    }
    int n = (int) Math.min(Math.max(length, CHUNK), size - offset);
    ByteBuffer buffer = ByteBuffer.allocate(n);
    try (SeekableByteChannel channel = Files.newByteChannel(file)) {
      channel.position(offset);
      while (buffer.hasRemaining()) {
        if (channel.read(buffer) < 0) {
          throw new SeiswatchException(
              file + " shrank while being read (ended before byte " + (offset + n) + ")");
        }
      }
    } catch (IOException e) {
      throw new SeiswatchException("cannot read " + file + ": " + e.getMessage(), e);
    }
    chunk = buffer.array();
    chunkStart = offset;
  }
}
