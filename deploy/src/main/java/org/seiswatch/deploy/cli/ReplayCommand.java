package org.seiswatch.deploy.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seiswatch.deploy.broker.TopicAdmin;
import org.seiswatch.ingest.replay.ReplayConfig;
import org.seiswatch.ingest.replay.ReplaySummary;
import org.seiswatch.ingest.replay.Replayer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code seiswatch replay}: miniSEED files and StationXML into Kafka. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Replay miniSEED 2 and 3 files or directories (walked recursively, SDS archives included) into seis.raw,"
          + " one Kafka record per miniSEED record, keyed NET.STA, merged across files in record start-time"
          + " order. Each record is checked (header, length, CRC, decodable samples); a bad one goes to"
          + " seis.deadletter with its file, byte offset and reason, and the replay goes on.",
      "StationXML given with --stations is loaded into seis.stations first.",
      "Prints progress while it runs and a summary at the end."
    })
public final class ReplayCommand implements Callable<Integer> {
  @Mixin KafkaOptions kafka;
  @Mixin ServiceSettings settings;

  @Parameters(
      paramLabel = "FILE|DIR",
      arity = "0..*",
      description =
          "miniSEED files or directories. Hidden files and non-data files (.xml, .md, .csv, ...) in"
              + " directories are skipped.")
  List<Path> inputs = new ArrayList<>();

  @Option(
      names = "--stations",
      paramLabel = "FILE|DIR",
      description = "FDSN StationXML files or directories to load into seis.stations; repeatable.")
  List<Path> stations = new ArrayList<>();

  @Option(
      names = "--speed",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Pace the replay at N times real time (1 = real time); 0 = as fast as possible"
              + " (default: ${DEFAULT-VALUE}).")
  double speed;

  @Override
  public Integer call() {
    if (settings.listIfRequested(ReplayConfig.DEFINITION, System.out)) {
      return 0;
    }
    Map<String, Object> values = settings.load();
    values.put(ReplayConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    values.put(ReplayConfig.INPUTS, inputs.stream().map(Path::toString).toList());
    values.put(ReplayConfig.STATIONS, stations.stream().map(Path::toString).toList());
    values.put(ReplayConfig.SPEED, speed);
    ReplayConfig config = ReplayConfig.from(values);
    TopicAdmin.createMissing(kafka.bootstrapServers(), kafka.replicationFactor());
    Replayer replayer = new Replayer(config);
    Thread stopper = new Thread(replayer::stop, "seiswatch-replay-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    ReplaySummary summary = replayer.run();
    if (summary.completed()) {
      Runtime.getRuntime().removeShutdownHook(stopper);
    }
    String span =
        summary.records() == 0
            ? ""
            : ", data " + summary.firstSample() + " to " + summary.lastSample();
    System.out.printf(
        "Replayed %d records (%d bytes) of %d streams from %d files, %d stations, %d dead letters%s, in %.1f s%s%n",
        summary.records(),
        summary.bytes(),
        summary.streams(),
        summary.files(),
        summary.stations(),
        summary.deadLetters(),
        span,
        summary.elapsed().toMillis() / 1000.0,
        summary.completed() ? "" : " (stopped before the end)");
    return 0;
  }
}
