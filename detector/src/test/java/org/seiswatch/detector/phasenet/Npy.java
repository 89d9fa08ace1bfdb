package org.seiswatch.detector.phasenet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads a 2-D little-endian float64 C-order array from an {@code .npz} (a zip of {@code .npy}
 * files; NumPy "NEP 1" format: magic, version, header length, a Python dict literal header).
 */
public final class Npy {
  private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\((\\d+),\\s*(\\d+)\\)");

  private Npy() {}

  /** {@code [rows][columns]} of array {@code key} in {@code npz}. */
  public static double[][] read2d(Path npz, String key) throws IOException {
    try (ZipFile zip = new ZipFile(npz.toFile())) {
      ZipEntry entry = zip.getEntry(key + ".npy");
      if (entry == null) {
        throw new IOException(npz + " has no " + key + ".npy");
      }
      try (InputStream in = zip.getInputStream(entry)) {
        return parse(ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN), npz);
      }
    }
  }

  private static double[][] parse(ByteBuffer b, Path source) throws IOException {
    if (b.get(0) != (byte) 0x93 || b.get(1) != 'N') {
      throw new IOException(source + ": not an npy array");
    }
    int major = b.get(6);
    int headerLength;
    int dataStart;
    if (major == 1) {
      headerLength = Short.toUnsignedInt(b.getShort(8));
      dataStart = 10 + headerLength;
    } else {
      headerLength = b.getInt(8);
      dataStart = 12 + headerLength;
    }
    String header =
        new String(b.array(), dataStart - headerLength, headerLength, StandardCharsets.US_ASCII);
    if (!header.contains("'descr': '<f8'") || !header.contains("'fortran_order': False")) {
      throw new IOException(source + ": only little-endian float64 C-order: " + header);
    }
    Matcher m = SHAPE.matcher(header);
    if (!m.find()) {
      throw new IOException(source + ": not 2-D: " + header);
    }
    int rows = Integer.parseInt(m.group(1));
    int cols = Integer.parseInt(m.group(2));
    double[][] out = new double[rows][cols];
    b.position(dataStart);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out[r][c] = b.getDouble();
      }
    }
    return out;
  }

  /** Columns of a {@code [rows][columns]} array as {@code [columns][rows]}. */
  public static double[][] transpose(double[][] a) {
    double[][] t = new double[a[0].length][a.length];
    for (int r = 0; r < a.length; r++) {
      for (int c = 0; c < a[r].length; c++) {
        t[c][r] = a[r][c];
      }
    }
    return t;
  }
}
