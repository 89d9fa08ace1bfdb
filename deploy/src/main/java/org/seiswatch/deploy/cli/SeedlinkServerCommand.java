package org.seiswatch.deploy.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.seiswatch.ingest.seedlink.protocol.Protocol;
import org.seiswatch.ingest.seedlink.server.Faults;
import org.seiswatch.ingest.seedlink.server.SeedlinkServer;
import org.seiswatch.ingest.seedlink.server.ServerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code seiswatch seedlink-server}: serves miniSEED archives over SeedLink 3.1 and 4.0. */
@Command(
    name = "seedlink-server",
    mixinStandardHelpOptions = true,
    description = {
      "Serve miniSEED files or directories over SeedLink 3.1 and 4.0 until Ctrl-C, so any SeedLink client"
          + " (SeisComP, ObsPy, slinktool, seiswatch ingest) can read an archive as if it were live.",
      "Records go out in start-time order; record i of the archive has sequence number i, the same after a"
          + " restart, so clients resume without loss or duplicates. DATA without a sequence number starts at"
          + " the beginning of the archive. SeedLink 3.1 carries 512-byte miniSEED 2 records only: other"
          + " records (4096-byte, miniSEED 3) are repacked for 3.1 clients into 512-byte Steim-2 records"
          + " with the same samples and times; 4.0 clients get the original records."
    })
public final class SeedlinkServerCommand implements Callable<Integer> {
  @Option(
      names = "--archive",
      paramLabel = "FILE|DIR",
      required = true,
      description = "miniSEED files or directories (walked recursively); repeatable.")
  List<Path> archive = new ArrayList<>();

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "18000",
      description = "TCP port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = "0.0.0.0",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(
      names = "--speed",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Pace at N times real time (default: ${DEFAULT-VALUE}); 0 = as fast as clients read.")
  double speed;

  @Option(
      names = "--loop",
      description = "Start again after the last record, sequence numbers going on.")
  boolean loop;

  @Option(
      names = "--protocols",
      paramLabel = "VERSION",
      split = ",",
      defaultValue = "3.1,4.0",
      description = "Protocol versions to offer (default: ${DEFAULT-VALUE}).")
  List<String> protocols = new ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    Set<Protocol> offered = EnumSet.noneOf(Protocol.class);
    protocols.forEach(p -> offered.add(Protocol.parse(p)));
    SeedlinkServer server =
        new SeedlinkServer(
                new ServerSettings(archive, bind, port, speed, loop, offered, Faults.NONE))
            .start();
    System.out.printf(
        "SeedLink server on %s:%d serving %d records (%s), speed %s%s (Ctrl-C to stop)%n",
        bind,
        server.port(),
        server.records(),
        offered,
        speed == 0 ? "unpaced" : speed + "x",
        loop ? ", looping" : "");
    Shutdown.awaitSignal(server::close);
    return 0;
  }
}
