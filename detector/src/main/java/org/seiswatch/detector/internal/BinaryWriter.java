package org.seiswatch.detector.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes the compact binary form of detector state (store values, internal topics): big-endian
 * primitives and length-prefixed strings and byte arrays. Deliberately not Java serialization, so
 * that the format is explicit, versioned by a leading byte and readable after class changes. A
 * growable heap buffer written directly: the PhaseNet state of a station (tens of kB of samples and
 * accumulators) is written once per record, so this is on the hot path.
 */
public final class BinaryWriter {
  private ByteBuffer buffer;

  public BinaryWriter() {
    this(256);
  }

  /**
   * @param expectedBytes initial capacity; the buffer grows as needed
   */
  public BinaryWriter(int expectedBytes) {
    this.buffer = ByteBuffer.allocate(Math.max(16, expectedBytes));
  }

  public BinaryWriter writeByte(int value) {
    room(1).put((byte) value);
    return this;
  }

  public BinaryWriter writeBoolean(boolean value) {
    return writeByte(value ? 1 : 0);
  }

  public BinaryWriter writeInt(int value) {
    room(4).putInt(value);
    return this;
  }

  public BinaryWriter writeLong(long value) {
    room(8).putLong(value);
    return this;
  }

  public BinaryWriter writeDouble(double value) {
    room(8).putDouble(value);
    return this;
  }

  public BinaryWriter writeDoubles(double[] values) {
    writeInt(values.length);
    return writeDoubles(values, 0, values.length);
  }

  /** {@code values[from..from+count)} without a length prefix. */
  public BinaryWriter writeDoubles(double[] values, int from, int count) {
    ByteBuffer b = room(8 * count);
    b.asDoubleBuffer().put(values, from, count);
    b.position(b.position() + 8 * count);
    return this;
  }

  public BinaryWriter writeString(String value) {
    return writeBytes(value.getBytes(StandardCharsets.UTF_8));
  }

  public BinaryWriter writeBytes(byte[] value) {
    room(4 + value.length).putInt(value.length).put(value);
    return this;
  }

  /** Empties the writer for reuse, keeping its buffer. */
  public BinaryWriter reset() {
    buffer.clear();
    return this;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buffer.array(), buffer.position());
  }

  private ByteBuffer room(int bytes) {
    if (buffer.remaining() < bytes) {
      int size = Math.max(buffer.capacity() * 2, buffer.position() + bytes);
      ByteBuffer bigger = ByteBuffer.allocate(size);
      buffer.flip();
      bigger.put(buffer);
      buffer = bigger;
    }
    return buffer;
  }
}
