package org.seiswatch.alerts.subscription;

import java.util.List;
import org.seiswatch.common.error.SeiswatchException;

/**
 * A subscription document is wrong; {@link #problems()} lists every problem, not just the first.
 */
public final class InvalidSubscriptionException extends SeiswatchException {
  private final List<String> problems;

  public InvalidSubscriptionException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
