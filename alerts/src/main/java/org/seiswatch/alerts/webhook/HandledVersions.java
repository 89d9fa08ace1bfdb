package org.seiswatch.alerts.webhook;

import java.util.LinkedHashMap;
import java.util.Map;
import org.seiswatch.common.model.Alert;

/**
 * The highest version handled (delivered, given up or rejected by the policy) per event, for the
 * most recent events, so that a duplicate or stale alert is not sent (Alert.md: an alert for a
 * version not above one already received is stale). Bounded: the oldest events are forgotten first.
 * Not thread-safe; one deliverer thread owns it.
 */
final class HandledVersions {
  private final Map<String, Integer> highest;

  HandledVersions(int capacity) {
    this.highest =
        new LinkedHashMap<>() {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > capacity;
          }
        };
  }

  /** True if this version of its event, or a later one, was handled already. */
  boolean handled(Alert alert) {
    return alert.version() <= highest.getOrDefault(alert.eventId(), 0);
  }

  void remember(Alert alert) {
    highest.merge(alert.eventId(), alert.version(), Math::max);
  }
}
