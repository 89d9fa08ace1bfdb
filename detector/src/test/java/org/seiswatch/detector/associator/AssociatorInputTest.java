package org.seiswatch.detector.associator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.seiswatch.detector.magnitude.AmplitudeSummary;

class AssociatorInputTest {
  @Test
  void shouldRoundTripAnAmplitudeWhenItGoesThroughTheSerde() {
    AmplitudeSummary a =
        new AmplitudeSummary(
            "HV.HUAD", ".HHE", 1_000_000_000L, 5_120_000_000L, 12.5, 3_000_000_000L, true);
    byte[] bytes = AssociatorInput.SERDE.serializer().serialize("t", AssociatorInput.amplitude(a));
    AssociatorInput back = AssociatorInput.SERDE.deserializer().deserialize("t", bytes);
    assertTrue(back.isAmplitude());
    assertEquals(a, back.amplitude());
    assertEquals("HV.HUAD", back.station());
  }

  @Test
  void shouldReadAProgressMarkWhenItWasWrittenInTheOldFormat() {
    byte[] bytes =
        new org.seiswatch.detector.internal.BinaryWriter()
            .writeByte(2)
            .writeString("HV.HUAD")
            .writeLong(42)
            .toByteArray();
    AssociatorInput back = AssociatorInput.SERDE.deserializer().deserialize("t", bytes);
    assertTrue(back.isProgress());
    assertEquals(42, back.settledNanos());
  }
}
