package org.seiswatch.ingest.seedlink.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seiswatch.ingest.seedlink.protocol.Protocol;
import org.seiswatch.ingest.seedlink.protocol.StreamSelector;

class SeedlinkClientDataTest {
  @Test
  void shouldAskForTheNextSequenceWhenStationWasKept() {
    Map<String, Long> kept = Map.of("HV_HUAD", 41L, "HV_MOKD", 99L);
    assertEquals(
        "DATA 42",
        SeedlinkClient.dataCommand(StreamSelector.parse("HV_HUAD"), Protocol.V4_0, kept));
    assertEquals(
        "DATA 00002A",
        SeedlinkClient.dataCommand(StreamSelector.parse("HV_HUAD"), Protocol.V3_1, kept));
    assertEquals(
        "DATA", SeedlinkClient.dataCommand(StreamSelector.parse("IU_ANMO"), Protocol.V4_0, kept));
  }

  @Test
  void shouldAskForTheEarliestWhenPatternCoversSeveralStations() {
    Map<String, Long> kept = Map.of("HV_HUAD", 41L, "HV_MOKD", 99L);
    assertEquals(
        "DATA 42", SeedlinkClient.dataCommand(StreamSelector.parse("HV_*"), Protocol.V4_0, kept));
  }

  @Test
  void shouldWrapTo24BitsWhenV3SequenceIsAtTheTop() {
    Map<String, Long> kept = Map.of("HV_HUAD", 0xFFFFFFL);
    assertEquals(
        "DATA 000000",
        SeedlinkClient.dataCommand(StreamSelector.parse("HV_HUAD"), Protocol.V3_1, kept));
  }
}
