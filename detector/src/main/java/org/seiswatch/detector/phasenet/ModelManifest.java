package org.seiswatch.detector.phasenet;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.seiswatch.common.error.ConfigurationException;
import org.seiswatch.common.json.Json;

/**
 * The machine-readable contract of a phase-picking model ({@code shared/models/phasenet.json},
 * described in {@code models/README.md}): tensor names and shapes, sample rate, window length,
 * channel order, the model file's sha256 and the picking thresholds. Parsed with {@link #parse};
 * every field is checked, and a missing or bad one throws {@link ConfigurationException} naming it.
 *
 * @param inputShape input dimensions, {@code -1} for a symbolic (dynamic) one such as {@code batch}
 * @param outputShape output dimensions, {@code -1} for a symbolic one
 * @param sha256 lower-case hex digest of the model file ({@code export.sha256})
 */
public record ModelManifest(
    String name,
    String version,
    double samplingRateHz,
    int windowSamples,
    List<String> channelOrder,
    String inputName,
    List<Long> inputShape,
    String outputName,
    List<Long> outputShape,
    double pThreshold,
    double sThreshold,
    int minPeakDistanceSamples,
    String sha256) {

  /** Channels of the model (E, N, Z). */
  public static final int CHANNELS = 3;

  public ModelManifest {
    requireText(name, "name");
    requireText(version, "version");
    requireText(inputName, "input.name");
    requireText(outputName, "output.name");
    requireText(sha256, "export.sha256");
    if (!sha256.matches("[0-9a-fA-F]{64}")) {
      throw new ConfigurationException("model manifest: export.sha256 is not a sha256: " + sha256);
    }
    sha256 = sha256.toLowerCase(Locale.ROOT);
    if (!(samplingRateHz > 0)) {
      throw new ConfigurationException("model manifest: sampling_rate_hz " + samplingRateHz);
    }
    if (windowSamples < 3) {
      throw new ConfigurationException("model manifest: window_samples " + windowSamples);
    }
    channelOrder = List.copyOf(Objects.requireNonNull(channelOrder, "channel_order"));
    if (channelOrder.size() != CHANNELS) {
      throw new ConfigurationException(
          "model manifest: channel_order must list " + CHANNELS + " channels: " + channelOrder);
    }
    inputShape = List.copyOf(inputShape);
    outputShape = List.copyOf(outputShape);
    List<Long> expected = List.of(-1L, (long) CHANNELS, (long) windowSamples);
    if (!inputShape.equals(expected)) {
      throw new ConfigurationException(
          "model manifest: input.shape "
              + describe(inputShape)
              + " is not [batch, "
              + CHANNELS
              + ", window_samples="
              + windowSamples
              + "]");
    }
    if (!outputShape.equals(expected)) {
      throw new ConfigurationException(
          "model manifest: output.shape "
              + describe(outputShape)
              + " is not [batch, 3 classes, window_samples="
              + windowSamples
              + "]");
    }
    if (!(pThreshold > 0 && pThreshold < 1) || !(sThreshold > 0 && sThreshold < 1)) {
      throw new ConfigurationException(
          "model manifest: thresholds must be in (0, 1): " + pThreshold + ", " + sThreshold);
    }
    if (minPeakDistanceSamples < 0) {
      throw new ConfigurationException(
          "model manifest: min_peak_distance_samples " + minPeakDistanceSamples);
    }
  }

  /** Parses and checks a manifest; {@code source} names it in error messages. */
  public static ModelManifest parse(byte[] json, String source) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(json);
    } catch (IOException e) {
      throw new ConfigurationException(
          "model manifest " + source + " is not valid JSON: " + e.getMessage(), e);
    }
    try {
      return new ModelManifest(
          text(root, "name"),
          text(root, "version"),
          number(root, "sampling_rate_hz"),
          (int) number(root, "window_samples"),
          strings(root, "channel_order"),
          text(root, "input", "name"),
          shape(root, "input"),
          text(root, "output", "name"),
          shape(root, "output"),
          number(root, "postprocess", "p_threshold"),
          number(root, "postprocess", "s_threshold"),
          (int) number(root, "postprocess", "min_peak_distance_samples"),
          text(root, "export", "sha256"));
    } catch (ConfigurationException e) {
      throw new ConfigurationException(source + ": " + e.getMessage(), e);
    }
  }

  /** Time of one sample, seconds. */
  public double samplePeriod() {
    return 1.0 / samplingRateHz;
  }

  /** Picking threshold of a phase class (1 = P, 2 = S). */
  public double threshold(int phaseClass) {
    return phaseClass == 1 ? pThreshold : sThreshold;
  }

  static String describe(List<Long> shape) {
    List<String> dims = new ArrayList<>();
    for (long d : shape) {
      dims.add(d < 0 ? "batch" : Long.toString(d));
    }
    return "[" + String.join(", ", dims) + "]";
  }

  private static JsonNode node(JsonNode root, String... path) {
    JsonNode n = root;
    for (String p : path) {
      n = n.path(p);
    }
    if (n.isMissingNode() || n.isNull()) {
      throw new ConfigurationException("model manifest: missing " + String.join(".", path));
    }
    return n;
  }

  private static String text(JsonNode root, String... path) {
    JsonNode n = node(root, path);
    if (!n.isTextual()) {
      throw new ConfigurationException("model manifest: " + String.join(".", path) + " not text");
    }
    return n.asText();
  }

  private static double number(JsonNode root, String... path) {
    JsonNode n = node(root, path);
    if (!n.isNumber()) {
      throw new ConfigurationException(
          "model manifest: " + String.join(".", path) + " is not a number");
    }
    return n.asDouble();
  }

  private static List<String> strings(JsonNode root, String field) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : node(root, field)) {
      out.add(n.asText());
    }
    return out;
  }

  private static List<Long> shape(JsonNode root, String tensor) {
    List<Long> out = new ArrayList<>();
    for (JsonNode n : node(root, tensor, "shape")) {
      if (n.isIntegralNumber()) {
        out.add(n.asLong());
      } else if (n.isTextual()) {
        out.add(-1L);
      } else {
        throw new ConfigurationException("model manifest: " + tensor + ".shape has " + n);
      }
    }
    return out;
  }

  private static void requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new ConfigurationException("model manifest: missing " + field);
    }
  }
}
