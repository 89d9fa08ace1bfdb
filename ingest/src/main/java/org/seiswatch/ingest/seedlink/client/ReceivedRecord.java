package org.seiswatch.ingest.seedlink.client;

import org.seiswatch.common.mseed.MiniSeedRecord;
import org.seiswatch.ingest.seedlink.protocol.Protocol;

/**
 * A checked miniSEED record received from a SeedLink server.
 *
 * @param server {@code HOST:PORT}
 * @param stationId {@code NET_STA}, the unit sequence numbers are kept per
 */
public record ReceivedRecord(
    String server, Protocol protocol, long sequence, String stationId, MiniSeedRecord record) {}
