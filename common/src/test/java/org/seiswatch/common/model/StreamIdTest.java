package org.seiswatch.common.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StreamIdTest {
  @Test
  void shouldNameTheInstrumentWithoutTheComponentLetter() {
    assertEquals("HV.TOUO..HH", StreamId.parse("HV.TOUO..HHZ").instrument());
    assertEquals("HV.TOUO..HH", new StreamId("HV", "TOUO", "--", "HHE").instrument());
    assertEquals("BK.SAO.00.BH", StreamId.parse("BK.SAO.00.BH1").instrument());
  }
}
