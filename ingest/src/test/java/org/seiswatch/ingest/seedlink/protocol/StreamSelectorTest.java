package org.seiswatch.ingest.seedlink.protocol;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seiswatch.common.model.StreamId;

class StreamSelectorTest {
  private static final StreamId HUAD_HHZ = new StreamId("HV", "HUAD", "", "HHZ");
  private static final StreamId ANMO_00_BHZ = new StreamId("IU", "ANMO", "00", "BHZ");

  @Test
  void shouldSelectEveryChannelWhenOnlyStationGiven() {
    StreamSelector s = StreamSelector.parse("HV_*");
    assertEquals("HV_*", s.stationId());
    assertTrue(s.matches(HUAD_HHZ));
    assertFalse(s.matches(ANMO_00_BHZ));
  }

  @Test
  void shouldMatchLocationAndChannelPatternsWhenSelectorsGiven() {
    StreamSelector s = StreamSelector.parse("IU_ANMO:00.BH? 10.BHZ");
    assertEquals(2, s.channels().size());
    assertTrue(s.matches(ANMO_00_BHZ));
    assertFalse(s.matches(new StreamId("IU", "ANMO", "20", "BHZ")));
    assertTrue(s.matches(new StreamId("IU", "ANMO", "10", "BHZ")));
  }

  @Test
  void shouldReadSeedLink3FormsWhenGivenLlcccOrBlankLocation() {
    assertEquals(new ChannelSelector("00", "BHZ"), ChannelSelector.parse("00BHZ"));
    assertEquals(new ChannelSelector("", "HHZ"), ChannelSelector.parse("--HHZ"));
    assertEquals(new ChannelSelector("", "HHZ"), ChannelSelector.parse("--.HHZ"));
    assertEquals(new ChannelSelector(null, "HH?"), ChannelSelector.parse("HH?.D"));
  }

  @Test
  void shouldWriteV3AndV4SelectWhenConverting() {
    assertEquals("00BHZ", ChannelSelector.parse("00.BHZ").v3Selector());
    assertEquals("00_B_H_Z", ChannelSelector.parse("00.BHZ").v4Selector());
    assertEquals("--HH?", ChannelSelector.parse("--.HH?").v3Selector());
    assertEquals("_H_H_?", ChannelSelector.parse("--.HH?").v4Selector());
    assertEquals("HHZ", ChannelSelector.parse("HHZ").v3Selector());
    assertEquals("*_H_H_Z", ChannelSelector.parse("HHZ").v4Selector());
    assertEquals("*_B_*", ChannelSelector.parse("B*").v4Selector());
    assertEquals("*_*", ChannelSelector.any().v4Selector());
  }

  @Test
  void shouldTakeBlankLocationOnlyForDashes() {
    ChannelSelector blank = ChannelSelector.parse("--HHZ");
    assertTrue(blank.matches(HUAD_HHZ));
    assertFalse(blank.matches(new StreamId("HV", "HUAD", "00", "HHZ")));
    assertTrue(ChannelSelector.parse("??HHZ").matches(HUAD_HHZ));
  }

  @Test
  void shouldRejectSelectorWhenNotNetSta() {
    assertThatThrownBy(() -> StreamSelector.parse("HUAD"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NET_STA");
    assertThatThrownBy(() -> StreamSelector.parse("HV_HUAD:H#Z"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldMatchStationIdPatternsWhenWildcarded() {
    assertTrue(StreamSelector.parse("H?_M*D").matchesStation("HV_MOKD"));
    assertFalse(StreamSelector.parse("H?_M*D").matchesStation("HV_HUAD"));
    assertTrue(
        StreamSelector.anyMatches(
            List.of(StreamSelector.parse("XX_*"), StreamSelector.parse("HV_HUAD:HHZ")), HUAD_HHZ));
  }

  @Test
  void shouldGlobLikeSeedLinkWhenMatching() {
    assertTrue(Glob.matches("*", ""));
    assertTrue(Glob.matches("H*Z", "HHZ"));
    assertTrue(Glob.matches("h?z", "HHZ"));
    assertFalse(Glob.matches("H?", "HHZ"));
    assertTrue(Glob.matches("*_B_H_Z", "00_B_H_Z"));
  }
}
