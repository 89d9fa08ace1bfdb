package org.seiswatch.alerts.query;

import java.util.List;
import org.seiswatch.common.error.SeiswatchException;

/** A request's parameters are wrong; {@link #problems()} lists every one, not just the first. */
public final class InvalidQueryException extends SeiswatchException {
  private final List<String> problems;

  public InvalidQueryException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
