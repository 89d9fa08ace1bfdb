package org.seiswatch.detector.internal;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;

/** Reads what {@link BinaryWriter} wrote; truncated or inconsistent input throws. */
public final class BinaryReader {
  private final ByteBuffer buffer;

  public BinaryReader(byte[] bytes) {
    this.buffer = ByteBuffer.wrap(bytes);
  }

  public int readByte() {
    return guard(() -> (int) buffer.get());
  }

  public boolean readBoolean() {
    return readByte() != 0;
  }

  public int readInt() {
    return guard(buffer::getInt);
  }

  public long readLong() {
    return guard(buffer::getLong);
  }

  public double readDouble() {
    return guard(buffer::getDouble);
  }

  public double[] readDoubles() {
    int n = readLength(8);
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = readDouble();
    }
    return values;
  }

  public String readString() {
    return new String(readBytes(), StandardCharsets.UTF_8);
  }

  public byte[] readBytes() {
    int n = readLength(1);
    byte[] value = new byte[n];
    guard(() -> buffer.get(value));
    return value;
  }

  /** Reads a count of items of {@code itemSize} bytes each and checks that they can be there. */
  public int readLength(int itemSize) {
    int n = readInt();
    if (n < 0 || (long) n * itemSize > buffer.remaining()) {
      throw new SerializationException(
          "corrupt detector state: length " + n + " with " + buffer.remaining() + " bytes left");
    }
    return n;
  }

  /** Checks the leading format version byte. */
  public void expectVersion(int expected, String what) {
    int version = readByte();
    if (version != expected) {
      throw new SerializationException(
          what + ": unknown format version " + version + " (expected " + expected + ")");
    }
  }

  private static <T> T guard(java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (BufferUnderflowException e) {
      throw new SerializationException("corrupt detector state: truncated", e);
    }
  }
}
