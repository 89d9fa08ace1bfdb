package org.seiswatch.common.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.config.ConfigDef;
import org.seiswatch.common.error.ConfigurationException;

/**
 * Rejects settings a service does not define. Kafka's {@code AbstractConfig} ignores them, so a
 * misspelt key ({@code associator.station.quiet=60} for {@code associator.station.quiet.s}) would
 * silently leave the default in force; a service instead stops at startup naming the key and the
 * defined setting closest to it.
 */
public final class UnknownSettings {
  private UnknownSettings() {}

  /**
   * @param service the service's name in the message ("detector")
   * @param passThrough prefixes of keys handed on to a Kafka client ({@code producer.}), not
   *     checked here
   * @throws ConfigurationException naming every unknown key
   */
  public static void reject(
      ConfigDef definition, Map<String, ?> settings, String service, String... passThrough) {
    Set<String> defined = definition.names();
    List<String> problems = new ArrayList<>();
    for (String key : new TreeSet<>(settings.keySet())) {
      if (defined.contains(key) || hasPrefix(key, passThrough)) {
        continue;
      }
      String closest = closest(key, defined);
      problems.add("'" + key + "'" + (closest == null ? "" : " (did you mean '" + closest + "'?)"));
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(
          "unknown "
              + service
              + " setting"
              + (problems.size() == 1 ? " " : "s ")
              + String.join(", ", problems)
              + "; '--list-settings' lists them all");
    }
  }

  private static boolean hasPrefix(String key, String[] prefixes) {
    for (String prefix : prefixes) {
      if (key.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** The defined name nearest in edit distance, if within a third of the key's length. */
  static String closest(String key, Set<String> names) {
    String best = null;
    int bestDistance = Math.max(2, key.length() / 3) + 1;
    for (String name : new TreeSet<>(names)) {
      int d = distance(key, name);
      if (d < bestDistance) {
        best = name;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
