package org.seiswatch.common.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the project's shared material ({@code ../shared} beside the repository: labelled pick
 * windows, schemas). A test that needs it calls {@link #require}: when it is missing the test is
 * skipped with a message naming what was looked for, except under {@code CI=true}, where that is a
 * failure.
 */
public final class SharedData {
  private SharedData() {}

  /** {@code ../shared/<relative>} as seen from the repository root, or null when absent. */
  public static Path find(String relative) {
    Path dir = Path.of("").toAbsolutePath();
    for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
      Path candidate = dir.resolveSibling("shared").resolve(relative);
      if (dir.resolve("pom.xml").toFile().exists() && Files.exists(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /**
   * The path of {@code ../shared/<relative>}; skips the test (fails under {@code CI=true}) when
   * absent.
   */
  public static Path require(String relative) {
    Path path = find(relative);
    if (path == null) {
      String message = "../shared/" + relative + " not found beside the repository";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(message + " (CI=true: shared material is required)");
      }
      Assumptions.abort(message + "; skipping (set up ../shared to run this test)");
    }
    return path;
  }
}
