package org.seiswatch.deploy.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigDef;
import org.seiswatch.common.error.ConfigurationException;
import picocli.CommandLine.Option;

/**
 * Service settings beyond the dedicated options: a properties file and {@code --set KEY=VALUE}
 * overrides, validated by the service's own config definition at startup; {@code --list-settings}
 * prints that definition.
 */
public final class ServiceSettings {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Java properties file with service settings (see --list-settings).")
  Path configFile;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "One service setting; repeatable; overrides --config (see --list-settings).")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Option(
      names = "--list-settings",
      description = "Print every service setting with its default and meaning, then exit.")
  boolean listSettings;

  /**
   * The settings from {@code --config} then {@code --set}; the caller adds its dedicated options on
   * top.
   */
  public Map<String, Object> load() {
    Map<String, Object> settings = new HashMap<>();
    if (configFile != null) {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(configFile)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new ConfigurationException(
            "cannot read --config " + configFile + ": " + e.getMessage(), e);
      }
      properties.stringPropertyNames().forEach(k -> settings.put(k, properties.getProperty(k)));
    }
    settings.putAll(overrides);
    return settings;
  }

  /** Prints {@code definition} when {@code --list-settings} was given; returns whether it did. */
  public boolean listIfRequested(ConfigDef definition, PrintStream out) {
    if (!listSettings) {
      return false;
    }
    for (ConfigDef.ConfigKey key : definition.configKeys().values()) {
      Object value = key.hasDefault() ? key.defaultValue : "(required)";
      out.printf("%s = %s%n    %s%n", key.name, value, key.documentation);
    }
    return true;
  }
}
