package org.seiswatch.ingest.replay;

import java.time.Duration;
import java.time.Instant;

/**
 * What one replay did.
 *
 * @param files miniSEED files read
 * @param records good records produced to {@code seis.raw}
 * @param bytes bytes of those records
 * @param deadLetters bad records produced to {@code seis.deadletter}
 * @param stations stations produced to {@code seis.stations} (from StationXML)
 * @param streams distinct streams ({@code NET.STA.LOC.CHA}) among the records
 * @param firstSample time of the earliest sample replayed, null if no records
 * @param lastSample time of the latest sample replayed, null if no records
 * @param elapsed wall time the replay took
 * @param completed false if the replay was stopped before the end of the input
 */
public record ReplaySummary(
    int files,
    long records,
    long bytes,
    long deadLetters,
    int stations,
    int streams,
    Instant firstSample,
    Instant lastSample,
    Duration elapsed,
    boolean completed) {}
