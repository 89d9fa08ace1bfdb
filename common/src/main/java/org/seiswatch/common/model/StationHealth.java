package org.seiswatch.common.model;

import java.time.Instant;

/**
 * Per-station state of health on {@code seis.health}: when the last packet arrived (wall clock),
 * the time of its last sample, the latency between the two in seconds, gaps and packets counted so
 * far, and a free-text status (for example a picker fallback warning). See {@code
 * docs/formats/StationHealth.md}.
 */
public record StationHealth(
    String station,
    Instant reportedAt,
    Instant lastPacket,
    Instant lastSampleTime,
    Double latencySeconds,
    long gaps,
    long packets,
    String status) {}
