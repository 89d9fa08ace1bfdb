package org.seiswatch.ingest.seedlink.client;

/**
 * A packet that failed a check; it becomes a dead letter.
 *
 * @param sequence the packet's sequence number, -1 if unreadable
 * @param payload the packet's payload as received
 */
public record RejectedPacket(String server, long sequence, String reason, byte[] payload) {
  public RejectedPacket {
    payload = payload.clone();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }
}
