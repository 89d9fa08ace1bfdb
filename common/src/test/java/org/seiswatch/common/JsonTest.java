package org.seiswatch.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.seiswatch.common.json.Json;
import org.seiswatch.common.json.JsonSerde;
import org.seiswatch.common.model.ClassificationInfo;
import org.seiswatch.common.model.Phase;
import org.seiswatch.common.model.Pick;
import org.seiswatch.common.model.Site;
import org.seiswatch.common.model.Source;
import org.seiswatch.common.model.StreamId;

class JsonTest {

  @Test
  void shouldWriteThreeDecimalsWhenInstantIsWholeSecond() throws Exception {
    assertEquals(
        "\"2019-04-14T03:09:02.000Z\"",
        Json.mapper().writeValueAsString(Instant.parse("2019-04-14T03:09:02Z")));
  }

  @Test
  void shouldRoundToMillisecondWhenInstantHasMicroseconds() throws Exception {
    assertEquals(
        "\"2019-04-14T03:10:00.000Z\"",
        Json.mapper().writeValueAsString(Instant.parse("2019-04-14T03:09:59.9996Z")));
    assertEquals(
        "\"2019-04-14T03:09:59.999Z\"",
        Json.mapper().writeValueAsString(Instant.parse("2019-04-14T03:09:59.9994Z")));
  }

  @Test
  void shouldRoundTripPickWhenWrittenAndReadWithSerde() {
    JsonSerde<Pick> serde = new JsonSerde<>(Pick.class);
    Pick pick =
        new Pick(
            "id1",
            Site.of(StreamId.parse("HV.HUAD..HHZ")),
            Source.seiswatch("test"),
            Instant.parse("2019-04-14T03:09:04.560Z"),
            Phase.P,
            "stalta",
            null,
            new ClassificationInfo(Phase.P, 0.9),
            null);

    byte[] bytes = serde.toBytes(pick);

    assertEquals(pick, serde.fromBytes(bytes));
    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .startsWith("{\"Type\":\"Pick\",\"ID\":\"id1\",\"Site\":");
  }
}
