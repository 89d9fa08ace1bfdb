package org.seiswatch.ingest.seedlink.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.seiswatch.ingest.seedlink.protocol.Protocol;

/** A sink that keeps everything in memory, for tests. */
public final class CollectingSink implements PacketSink {
  public final List<ReceivedRecord> records = new ArrayList<>();
  public final List<RejectedPacket> rejected = new ArrayList<>();
  public final Map<String, Long> kept = new HashMap<>();
  public volatile Protocol protocol;

  @Override
  public synchronized Map<String, Long> resumePoints() {
    return new HashMap<>(kept);
  }

  @Override
  public void connected(Protocol p) {
    protocol = p;
  }

  @Override
  public synchronized void accept(ReceivedRecord record) {
    records.add(record);
    kept.put(record.stationId(), record.sequence());
  }

  @Override
  public synchronized void reject(RejectedPacket packet) {
    rejected.add(packet);
  }

  public synchronized int count() {
    return records.size();
  }

  public synchronized List<ReceivedRecord> records() {
    return new ArrayList<>(records);
  }

  public synchronized List<RejectedPacket> rejected() {
    return new ArrayList<>(rejected);
  }
}
