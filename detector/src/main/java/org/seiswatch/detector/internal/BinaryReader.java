package org.seiswatch.detector.internal;

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
    need(1);
    return buffer.get();
  }

  public boolean readBoolean() {
    return readByte() != 0;
  }

  public int readInt() {
    need(4);
    return buffer.getInt();
  }

  public long readLong() {
    need(8);
    return buffer.getLong();
  }

  public double readDouble() {
    need(8);
    return buffer.getDouble();
  }

  public double[] readDoubles() {
    int n = readLength(8);
    double[] values = new double[n];
    readDoubles(values, 0, n);
    return values;
  }

  /** Reads {@code count} doubles (no length prefix) into {@code into[from..]}. */
  public void readDoubles(double[] into, int from, int count) {
    need(8L * count);
    buffer.asDoubleBuffer().get(into, from, count);
    buffer.position(buffer.position() + 8 * count);
  }

  public String readString() {
    return new String(readBytes(), StandardCharsets.UTF_8);
  }

  public byte[] readBytes() {
    int n = readLength(1);
    byte[] value = new byte[n];
    buffer.get(value);
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

  private void need(long bytes) {
    if (buffer.remaining() < bytes) {
      throw new SerializationException("corrupt detector state: truncated");
    }
  }
}
