package org.seiswatch.alerts.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.seiswatch.common.error.ConfigurationException;
import org.seiswatch.common.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriptions: read from a JSON file at start (an array of subscription documents, {@link
 * SubscriptionJson}) and written back, whole and atomically, after every change through the API, so
 * the file and the API are two views of one list and changes survive a restart. Without a file the
 * subscriptions live in memory only. Thread-safe.
 */
public final class SubscriptionStore {
  private static final Logger LOG = LoggerFactory.getLogger(SubscriptionStore.class);

  private final Path file;
  private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  /**
   * @param file where subscriptions are kept, or null for memory only
   */
  public SubscriptionStore(Path file) {
    this.file = file;
  }

  /**
   * Reads the file, if configured and present.
   *
   * @throws ConfigurationException naming every problem of every entry, or why it cannot be read
   */
  public synchronized void load() {
    if (file == null || !Files.exists(file)) {
      return;
    }
    JsonNode root;
    try {
      root = Json.mapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new ConfigurationException("cannot read subscriptions file " + file + ": " + e, e);
    }
    if (root == null || !root.isArray()) {
      throw new ConfigurationException("subscriptions file " + file + " must hold a JSON array");
    }
    List<String> problems = new ArrayList<>();
    Map<String, Subscription> read = new LinkedHashMap<>();
    for (int i = 0; i < root.size(); i++) {
      JsonNode entry = root.get(i);
      String id = entry.path("id").isTextual() ? entry.get("id").asText() : newId();
      try {
        read.put(id, SubscriptionJson.read(entry, id, null));
      } catch (InvalidSubscriptionException e) {
        for (String problem : e.problems()) {
          problems.add("[" + i + "] " + problem);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(
          "subscriptions file " + file + " is invalid: " + String.join("; ", problems));
    }
    subscriptions.clear();
    subscriptions.putAll(read);
    LOG.info("{} subscriptions read from {}", subscriptions.size(), file);
    changed();
  }

  /**
   * Adds a hook called after every change (load, put, remove), while this store's lock is held: it
   * must only hand the work to another thread.
   */
  public void addListener(Runnable listener) {
    listeners.add(listener);
  }

  public void removeListener(Runnable listener) {
    listeners.remove(listener);
  }

  private void changed() {
    for (Runnable listener : listeners) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        LOG.warn("subscription listener {} failed", listener, e);
      }
    }
  }

  public synchronized List<Subscription> list() {
    return List.copyOf(subscriptions.values());
  }

  public synchronized Optional<Subscription> get(String id) {
    return Optional.ofNullable(subscriptions.get(id));
  }

  /** A fresh subscription id. */
  public static String newId() {
    return UUID.randomUUID().toString();
  }

  /** Adds or replaces the subscription with its id, then saves. */
  public synchronized void put(Subscription subscription) {
    Subscription previous = subscriptions.put(subscription.id(), subscription);
    try {
      save();
    } catch (RuntimeException e) {
      if (previous == null) {
        subscriptions.remove(subscription.id());
      } else {
        subscriptions.put(previous.id(), previous);
      }
      throw e;
    }
    changed();
  }

  /** Removes one; true if it existed. Saves. */
  public synchronized boolean remove(String id) {
    Subscription removed = subscriptions.remove(id);
    if (removed == null) {
      return false;
    }
    try {
      save();
    } catch (RuntimeException e) {
      subscriptions.put(id, removed);
      throw e;
    }
    changed();
    return true;
  }

  /** Writes the whole list to a temporary file beside the target, then moves it over. */
  private void save() {
    if (file == null) {
      return;
    }
    ArrayNode array = Json.mapper().createArrayNode();
    subscriptions.values().forEach(s -> array.add(SubscriptionJson.write(s, true)));
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      Json.mapper().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), array);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot write subscriptions file " + file + ": " + e, e);
    }
  }
}
