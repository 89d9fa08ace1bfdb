package org.seiswatch.ingest.seedlink.client;

import java.util.Map;
import org.seiswatch.ingest.seedlink.protocol.Protocol;

/**
 * Where a {@link SeedlinkClient} delivers what it receives. All calls come from the client's one
 * thread. A sink that cannot keep what it was given (say a failed Kafka transaction) throws {@link
 * SinkException}: the client then drops the connection and resumes from {@link #resumePoints()}.
 */
public interface PacketSink {
  /**
   * The last sequence number kept per station id ({@code NET_STA}), asked at every (re)connect: the
   * client requests the next one.
   */
  Map<String, Long> resumePoints();

  /** The protocol this connection speaks, before any packet. */
  default void connected(Protocol protocol) {}

  void accept(ReceivedRecord record);

  void reject(RejectedPacket packet);

  /** Called at least every second or so while connected, data or not. */
  default void tick() {}

  /** The connection ended (error, stall, close); keep what was accepted. */
  default void disconnected() {}

  /** A sink failure: the client reconnects and resumes from the sink's resume points. */
  final class SinkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SinkException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
