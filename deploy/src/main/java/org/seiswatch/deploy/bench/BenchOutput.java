package org.seiswatch.deploy.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.seiswatch.common.json.Json;

/** What every {@code seiswatch bench} command prints the same way: its table rows and its JSON. */
public final class BenchOutput {
  private BenchOutput() {}

  /** One {@code figure value} row of the table. */
  public static void row(PrintStream out, String name, String value) {
    out.printf(Locale.ROOT, "%-44s %14s%n", name, value);
  }

  /** {@code String.format} in the root locale (a decimal point whatever the machine's locale). */
  public static String fmt(String pattern, double value) {
    return String.format(Locale.ROOT, pattern, value);
  }

  /** Writes {@code figures} as pretty JSON, adding the machine's cores and Java version. */
  public static void writeJson(Path file, Map<String, Object> figures, PrintStream out)
      throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>(figures);
    doc.put("cores", Runtime.getRuntime().availableProcessors());
    doc.put("java", System.getProperty("java.version"));
    Files.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc));
    out.println("JSON written to " + file);
  }

  /** Sets a logger's level, so that progress lines and figures are not buried in logs. */
  public static void quiet(String logger, ch.qos.logback.classic.Level level) {
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(logger)).setLevel(level);
  }
}
