package org.seiswatch.detector.traveltime;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.CRC32;
import org.seiswatch.common.error.SeiswatchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On-disk cache of travel-time tables. One file per key (model, grid, TauP version and, for a model
 * file, a hash of its content): magic {@code SWTT}, format version, key, surface velocities, both
 * phases' times as floats, CRC-32 of everything before it. A file that is short, has another key or
 * a bad checksum is ignored (and overwritten by the rebuilt table); files are written to a
 * temporary name and moved into place, so a crash never leaves a half-written table under the real
 * name.
 */
final class TableCache {
  private static final Logger LOG = LoggerFactory.getLogger(TableCache.class);
  private static final int MAGIC = 0x53575454;
  private static final int VERSION = 1;

  private final Path dir;

  TableCache(Path dir) {
    this.dir = dir;
  }

  static String key(String model, TableGrid grid, String tauPVersion) {
    String content = "";
    if (TauPBuilder.isFile(model)) {
      try {
        content = HexFormat.of().formatHex(sha256(Files.readAllBytes(Path.of(model))));
      } catch (IOException e) {
        throw new SeiswatchException("cannot read travel-time model file " + model, e);
      }
    }
    return "model=" + model + ";" + content + ";grid=" + grid.key() + ";taup=" + tauPVersion;
  }

  Path file(String key) {
    String hash = HexFormat.of().formatHex(sha256(key.getBytes(StandardCharsets.UTF_8)));
    String name = Path.of(key.substring(6, key.indexOf(';'))).getFileName().toString();
    return dir.resolve(
        name.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + hash.substring(0, 16) + ".tt");
  }

  Optional<TravelTimeTable> read(String key, String model, TableGrid grid) {
    Path file = file(key);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readAllBytes();
      if (bytes.length < 8 || crc(bytes, bytes.length - 8) != tail(bytes)) {
        LOG.warn("travel-time cache {} is corrupt; rebuilding", file);
        return Optional.empty();
      }
      DataInputStream data =
          new DataInputStream(new java.io.ByteArrayInputStream(bytes, 0, bytes.length - 8));
      if (data.readInt() != MAGIC || data.readInt() != VERSION || !key.equals(data.readUTF())) {
        LOG.warn("travel-time cache {} has another format or key; rebuilding", file);
        return Optional.empty();
      }
      double[] velocities = {data.readDouble(), data.readDouble()};
      int n = grid.depths().length * grid.distanceCount();
      float[][] times = new float[2][n];
      for (float[] phase : times) {
        if (data.readInt() != n) {
          LOG.warn("travel-time cache {} does not match its grid; rebuilding", file);
          return Optional.empty();
        }
        for (int i = 0; i < n; i++) {
          phase[i] = data.readFloat();
        }
      }
      LOG.debug("travel-time table {} read from {}", model, file);
      return Optional.of(new TravelTimeTable(model, grid, times, velocities));
    } catch (IOException e) {
      LOG.warn("travel-time cache {} unreadable ({}); rebuilding", file, e.toString());
      return Optional.empty();
    }
  }

  void write(String key, TravelTimeTable table) {
    Path file = file(key);
    try {
      Files.createDirectories(dir);
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(buffer);
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeUTF(key);
      for (double v : table.surfaceVelocities()) {
        out.writeDouble(v);
      }
      for (float[] phase : table.times()) {
        out.writeInt(phase.length);
        for (float t : phase) {
          out.writeFloat(t);
        }
      }
      out.flush();
      byte[] bytes = buffer.toByteArray();
      out.writeLong(crc(bytes, bytes.length));
      out.flush();
      Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      Files.write(tmp, buffer.toByteArray());
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      LOG.info("travel-time table {} cached in {}", table.model(), file);
    } catch (IOException e) {
      // The table is in memory already; a read-only or full cache only costs the next start.
      LOG.warn("cannot cache travel-time table in {}: {}", file, e.toString());
    }
  }

  private static long crc(byte[] bytes, int length) {
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, length);
    return crc.getValue();
  }

  private static long tail(byte[] bytes) {
    long v = 0;
    for (int i = bytes.length - 8; i < bytes.length; i++) {
      v = (v << 8) | (bytes[i] & 0xff);
    }
    return v;
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new SeiswatchException("SHA-256 unavailable", e);
    }
  }
}
