package org.seiswatch.alerts.query;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads typed values out of URL query parameters and collects every problem (unknown or repeated
 * names, values that do not parse or are out of range) instead of stopping at the first; {@link
 * #check()} then throws them all in one {@link InvalidQueryException}.
 */
public final class QueryParameters {
  private final Map<String, List<String>> values;
  private final List<String> problems = new ArrayList<>();

  /**
   * @param known the accepted names; any other name is a problem
   */
  public QueryParameters(Map<String, List<String>> values, Set<String> known) {
    this.values = values;
    for (Map.Entry<String, List<String>> e : values.entrySet()) {
      if (!known.contains(e.getKey())) {
        problems.add(
            "unknown parameter '"
                + e.getKey()
                + (known.isEmpty()
                    ? "'; this endpoint takes no parameters"
                    : "'; known are " + String.join(", ", sorted(known))));
      } else if (e.getValue().size() > 1) {
        problems.add("parameter '" + e.getKey() + "' given " + e.getValue().size() + " times");
      }
    }
  }

  private static List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }

  /** The raw value, or null if absent. */
  public String string(String name) {
    List<String> v = values.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** An ISO-8601 instant such as {@code 2019-04-14T03:09:02Z}, or null if absent. */
  public Instant instant(String name) {
    String raw = string(name);
    if (raw == null) {
      return null;
    }
    try {
      return Instant.parse(raw);
    } catch (DateTimeParseException e) {
      problems.add(
          name + "='" + raw + "' is not an ISO-8601 UTC time such as 2019-04-14T03:09:02Z");
      return null;
    }
  }

  /** A number within {@code [min, max]}, or null if absent or bad. */
  public Double number(String name, double min, double max) {
    String raw = string(name);
    if (raw == null) {
      return null;
    }
    double value;
    try {
      value = Double.parseDouble(raw);
    } catch (NumberFormatException e) {
      problems.add(name + "='" + raw + "' is not a number");
      return null;
    }
    if (!(value >= min && value <= max)) {
      problems.add(name + "=" + raw + " is outside [" + fmt(min) + ", " + fmt(max) + "]");
      return null;
    }
    return value;
  }

  /** An integer within {@code [min, max]}, or null if absent or bad. */
  public Integer integer(String name, int min, int max) {
    String raw = string(name);
    if (raw == null) {
      return null;
    }
    try {
      int value = Integer.parseInt(raw);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(name + "='" + raw + "' is not an integer in [" + min + ", " + max + "]");
    return null;
  }

  /** Records a problem found by the caller (such as a minimum above its maximum). */
  public void problem(String message) {
    problems.add(message);
  }

  /**
   * @throws InvalidQueryException listing every problem found so far, if any
   */
  public void check() {
    if (!problems.isEmpty()) {
      throw new InvalidQueryException(problems);
    }
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
