package org.seiswatch.ingest.seedlink.server;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.seiswatch.ingest.seedlink.protocol.Protocol;

/**
 * What a {@link SeedlinkServer} serves and how.
 *
 * @param archive miniSEED files and directories (as for replay: walked recursively)
 * @param bindAddress address to listen on, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
 * @param port TCP port; 0 picks a free one ({@link SeedlinkServer#port()})
 * @param speed pacing as a multiple of real time; 0 = as fast as the client reads
 * @param loop start again from the first record after the last, sequence numbers going on
 * @param protocols the protocol versions offered in the HELLO answer
 * @param faults faults to inject, {@link Faults#NONE} normally
 */
public record ServerSettings(
    List<Path> archive,
    String bindAddress,
    int port,
    double speed,
    boolean loop,
    Set<Protocol> protocols,
    Faults faults) {
  public ServerSettings {
    archive = List.copyOf(archive);
    Objects.requireNonNull(bindAddress, "bindAddress");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port);
    }
    if (!(speed >= 0)) {
      throw new IllegalArgumentException("speed " + speed + " < 0");
    }
    if (protocols.isEmpty()) {
      throw new IllegalArgumentException("no protocol offered");
    }
    protocols = Collections.unmodifiableSet(EnumSet.copyOf(protocols));
    Objects.requireNonNull(faults, "faults");
  }

  /** Both protocols, no faults. */
  public static ServerSettings of(
      List<Path> archive, String bindAddress, int port, double speed, boolean loop) {
    return new ServerSettings(
        archive, bindAddress, port, speed, loop, EnumSet.allOf(Protocol.class), Faults.NONE);
  }

  public ServerSettings withProtocols(Set<Protocol> offered) {
    return new ServerSettings(archive, bindAddress, port, speed, loop, offered, faults);
  }

  public ServerSettings withFaults(Faults injected) {
    return new ServerSettings(archive, bindAddress, port, speed, loop, protocols, injected);
  }

  public ServerSettings withPort(int newPort) {
    return new ServerSettings(archive, bindAddress, newPort, speed, loop, protocols, faults);
  }
}
