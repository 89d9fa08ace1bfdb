package org.seiswatch.alerts.subscription;

import java.util.Objects;

/** One subscriber: what it wants ({@link Policy}) and how it gets it ({@link Delivery}). */
public record Subscription(String id, String name, Policy policy, Delivery delivery) {
  public Subscription {
    Objects.requireNonNull(id, "subscription id");
    Objects.requireNonNull(name, "subscription name");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(delivery, "delivery");
  }

  public Subscription withId(String newId) {
    return new Subscription(newId, name, policy, delivery);
  }
}
