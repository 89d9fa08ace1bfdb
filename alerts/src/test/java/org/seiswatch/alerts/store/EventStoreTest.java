package org.seiswatch.alerts.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.seiswatch.alerts.Detections.ORIGIN;
import static org.seiswatch.alerts.Detections.version;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.seiswatch.common.model.Detection;
import org.seiswatch.common.model.DetectionType;

class EventStoreTest {
  private final EventStore store = new EventStore(10);

  @Test
  void shouldKeepVersionsInOrderWhenAddedOutOfOrder() {
    Detection v1 = version("sw1", 1, ORIGIN, 4);
    Detection v2 = version("sw1", 2, ORIGIN, 5);
    Detection v3 = version("sw1", 3, ORIGIN, 6);

    store.add(v2);
    store.add(v1);
    store.add(v3);

    assertEquals(List.of(v1, v2, v3), store.versions("sw1"));
    assertEquals(Optional.of(v3), store.latest("sw1"));
  }

  @Test
  void shouldListLatestVersionNewestOriginFirstWhenSeveralEvents() {
    Detection olderV1 = version("sw-old", 1, ORIGIN, 4);
    Detection olderV2 = version("sw-old", 2, ORIGIN, 6);
    Detection newer = version("sw-new", 1, ORIGIN.plusSeconds(600), 4);

    store.add(olderV1);
    store.add(newer);
    store.add(olderV2);

    assertEquals(List.of(newer, olderV2), store.latest());
    assertEquals(2, store.size());
  }

  @Test
  void shouldReplaceVersionWhenRedelivered() {
    Detection first = version("sw1", 1, ORIGIN, 4);
    Detection again = version("sw1", 1, ORIGIN, 5);

    store.add(first);
    store.add(again);

    assertEquals(List.of(again), store.versions("sw1"));
  }

  @Test
  void shouldDropOldestOriginWhenMoreEventsThanRetained() {
    EventStore small = new EventStore(2);
    Detection oldest = version("sw-a", 1, ORIGIN, 4);
    Detection middle = version("sw-b", 1, ORIGIN.plusSeconds(60), 4);
    Detection newest = version("sw-c", 1, ORIGIN.plusSeconds(120), 4);

    small.add(middle);
    small.add(oldest);
    small.add(newest);

    assertEquals(List.of(newest, middle), small.latest());
    assertThat(small.versions("sw-a")).isEmpty();
  }

  @Test
  void shouldOrderByLastLocatedOriginWhenLatestVersionHasNoHypocenter() {
    Detection located = version("sw-r", 1, ORIGIN.plusSeconds(600), 4);
    Detection retracted =
        new Detection(
            "sw-r", 2, null, null, DetectionType.RETRACT, ORIGIN, null, null, null, null, null);
    Detection other = version("sw-o", 1, ORIGIN.plusSeconds(300), 4);

    store.add(located);
    store.add(retracted);
    store.add(other);

    assertEquals(List.of(retracted, other), store.latest());
  }

  @Test
  void shouldReturnNoVersionsWhenEventUnknown() {
    store.add(version("sw1", 1, ORIGIN, 4));

    assertThat(store.versions("nope")).isEmpty();
    assertEquals(Optional.empty(), store.latest("nope"));
  }
}
