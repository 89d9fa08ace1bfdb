package org.seiswatch.alerts.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seiswatch.common.error.ConfigurationException;
import org.seiswatch.common.json.Json;

class SubscriptionStoreTest {
  @TempDir Path dir;

  private static Subscription webhook(String id) throws Exception {
    return SubscriptionJson.read(Json.mapper().readTree(SubscriptionJsonTest.WEBHOOK), id, null);
  }

  @Test
  void shouldReloadSubscriptionsWhenStoreIsRecreatedOnSameFile() throws Exception {
    Path file = dir.resolve("subscriptions.json");
    SubscriptionStore first = new SubscriptionStore(file);
    first.load();
    first.put(webhook("a"));
    first.put(webhook("b"));
    first.remove("a");

    SubscriptionStore second = new SubscriptionStore(file);
    second.load();

    assertEquals(List.of(webhook("b")), second.list());
  }

  @Test
  void shouldNameEveryProblemOfEveryEntryWhenFileIsInvalid() throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(
        file, "[{\"name\":\"ok\",\"policy\":{},\"delivery\":{\"type\":\"sse\"}}, {\"name\":1}]");
    SubscriptionStore store = new SubscriptionStore(file);

    assertThatThrownBy(store::load)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("[1] name: must be a string")
        .hasMessageContaining("[1] policy: required")
        .hasMessageContaining("[1] delivery: required");
  }

  @Test
  void shouldStartEmptyWhenFileDoesNotExistYet() {
    SubscriptionStore store = new SubscriptionStore(dir.resolve("none.json"));
    store.load();

    assertThat(store.list()).isEmpty();
  }
}
