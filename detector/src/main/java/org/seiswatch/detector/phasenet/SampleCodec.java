package org.seiswatch.detector.phasenet;

import org.apache.kafka.common.errors.SerializationException;
import org.seiswatch.detector.internal.BinaryReader;
import org.seiswatch.detector.internal.BinaryWriter;

/**
 * Stored form of a run of samples, exact to the bit: as 32-bit integers when every sample is one
 * (decoded miniSEED counts, the usual case: half the bytes), else as doubles (resampled or
 * interpolated samples, missing ones as NaN). A leading byte says which.
 */
final class SampleCodec {
  private static final int DOUBLES = 0;
  private static final int INTS = 1;

  private SampleCodec() {}

  /** Writes {@code values[from..from+n)} without a length (the caller stores it). */
  static void write(BinaryWriter w, double[] values, int from, int n) {
    if (integral(values, from, n)) {
      w.writeByte(INTS);
      for (int i = from; i < from + n; i++) {
        w.writeInt((int) values[i]);
      }
    } else {
      w.writeByte(DOUBLES).writeDoubles(values, from, n);
    }
  }

  /** Reads {@code n} samples {@link #write} wrote into {@code into[from..]}. */
  static void read(BinaryReader r, double[] into, int from, int n) {
    int kind = r.readByte();
    if (kind == INTS) {
      for (int i = from; i < from + n; i++) {
        into[i] = r.readInt();
      }
    } else if (kind == DOUBLES) {
      r.readDoubles(into, from, n);
    } else {
      throw new SerializationException("corrupt phasenet samples: encoding " + kind);
    }
  }

  private static boolean integral(double[] values, int from, int n) {
    for (int i = from; i < from + n; i++) {
      double v = values[i];
      // compared as bits: -0.0 and NaN must not become 0
      if (Double.doubleToRawLongBits(v) != Double.doubleToRawLongBits((int) v)) {
        return false;
      }
    }
    return true;
  }
}
