package org.seiswatch.detector.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes the compact binary form of detector state (store values, internal topics): big-endian
 * primitives and length-prefixed strings and byte arrays. Deliberately not Java serialization, so
 * that the format is explicit, versioned by a leading byte and readable after class changes.
 */
public final class BinaryWriter {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
  private final DataOutputStream out = new DataOutputStream(bytes);

  public BinaryWriter writeByte(int value) {
    return run(() -> out.writeByte(value));
  }

  public BinaryWriter writeBoolean(boolean value) {
    return run(() -> out.writeBoolean(value));
  }

  public BinaryWriter writeInt(int value) {
    return run(() -> out.writeInt(value));
  }

  public BinaryWriter writeLong(long value) {
    return run(() -> out.writeLong(value));
  }

  public BinaryWriter writeDouble(double value) {
    return run(() -> out.writeDouble(value));
  }

  public BinaryWriter writeDoubles(double[] values) {
    writeInt(values.length);
    for (double v : values) {
      writeDouble(v);
    }
    return this;
  }

  public BinaryWriter writeString(String value) {
    return writeBytes(value.getBytes(StandardCharsets.UTF_8));
  }

  public BinaryWriter writeBytes(byte[] value) {
    return run(
        () -> {
          out.writeInt(value.length);
          out.write(value);
        });
  }

  public byte[] toByteArray() {
    run(out::flush);
    return bytes.toByteArray();
  }

  private BinaryWriter run(IoAction action) {
    try {
      action.run();
    } catch (IOException e) {
      // A ByteArrayOutputStream does not fail; this only satisfies the DataOutput signature.
      throw new UncheckedIOException(e);
    }
    return this;
  }

  @FunctionalInterface
  private interface IoAction {
    void run() throws IOException;
  }
}
