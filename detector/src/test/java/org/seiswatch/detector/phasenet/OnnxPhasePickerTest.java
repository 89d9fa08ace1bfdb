package org.seiswatch.detector.phasenet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seiswatch.common.error.ConfigurationException;
import org.seiswatch.common.json.Json;

class OnnxPhasePickerTest {
  @TempDir Path dir;

  @Test
  void shouldLoadTheBundledModelAndPredictProbabilitiesWhenDefaulted() {
    try (OnnxPhasePicker picker = OnnxPhasePicker.open(ModelFiles.bundled(), 1)) {
      assertEquals("phasenet", picker.manifest().name());
      float[][] window = WindowNormalizer.normalize(new double[3][3000]);
      float[][][] probs = picker.predict(new float[][][] {window, window});
      assertEquals(2, probs.length);
      assertEquals(3000, probs[1][2].length);
      assertEquals(1.0, probs[0][0][1500] + probs[0][1][1500] + probs[0][2][1500], 1e-5);
    }
  }

  @Test
  void shouldLoadFromAPathWhenTheManifestLiesBesideTheModel() throws IOException {
    Path model = writeModel(json -> {});
    try (OnnxPhasePicker picker = OnnxPhasePicker.open(ModelFiles.of(model), 2)) {
      assertEquals(3000, picker.manifest().windowSamples());
    }
  }

  @Test
  void shouldNameTheFileWhenTheModelIsMissing() {
    Path missing = dir.resolve("nope.onnx");
    assertThatThrownBy(() -> ModelFiles.of(missing))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("model file not found")
        .hasMessageContaining("nope.onnx");
  }

  @Test
  void shouldNameTheFileWhenTheManifestIsMissing() throws IOException {
    Path model = dir.resolve("m.onnx");
    Files.write(model, ModelFiles.bundled().model());
    assertThatThrownBy(() -> ModelFiles.of(model))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("model manifest file not found")
        .hasMessageContaining("m.json");
  }

  @Test
  void shouldRefuseTheModelWhenItsSha256DiffersFromTheManifest() throws IOException {
    Path model =
        writeModel(json -> ((ObjectNode) json.get("export")).put("sha256", "ab".repeat(32)));
    assertThatThrownBy(() -> OnnxPhasePicker.open(ModelFiles.of(model), 1))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("sha256 1bc86270")
        .hasMessageContaining("does not match");
  }

  @Test
  void shouldRefuseTheModelWhenTheInputNameDiffers() throws IOException {
    Path model = writeModel(json -> ((ObjectNode) json.get("input")).put("name", "waves"));
    assertThatThrownBy(() -> OnnxPhasePicker.open(ModelFiles.of(model), 1))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("input.name 'waves'")
        .hasMessageContaining("[wave]");
  }

  @Test
  void shouldRefuseTheModelWhenTheOutputNameDiffers() throws IOException {
    Path model = writeModel(json -> ((ObjectNode) json.get("output")).put("name", "probs"));
    assertThatThrownBy(() -> OnnxPhasePicker.open(ModelFiles.of(model), 1))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("output.name 'probs'");
  }

  @Test
  void shouldRefuseTheModelWhenTheGraphShapeDiffersFromTheManifest() throws IOException {
    Path model =
        writeModel(
            json -> {
              ((ObjectNode) json).put("window_samples", 6000);
              ((ArrayNode) json.get("input").get("shape")).set(2, 6000);
              ((ArrayNode) json.get("output").get("shape")).set(2, 6000);
            });
    assertThatThrownBy(() -> OnnxPhasePicker.open(ModelFiles.of(model), 1))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("input 'wave' has shape [batch, 3, 3000], manifest says")
        .hasMessageContaining("[batch, 3, 6000]");
  }

  @Test
  void shouldRefuseTheManifestWhenItsShapeContradictsItsWindowLength() throws IOException {
    Path model = writeModel(json -> ((ArrayNode) json.get("input").get("shape")).set(1, 1));
    assertThatThrownBy(() -> OnnxPhasePicker.open(ModelFiles.of(model), 1))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("input.shape [batch, 1, 3000]");
  }

  @Test
  void shouldNameTheFieldWhenTheManifestLacksIt() throws IOException {
    Path model = writeModel(json -> ((ObjectNode) json.get("postprocess")).remove("p_threshold"));
    assertThatThrownBy(() -> OnnxPhasePicker.open(ModelFiles.of(model), 1))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("missing postprocess.p_threshold");
  }

  @Test
  void shouldFailPredictWhenClosed() {
    OnnxPhasePicker picker = OnnxPhasePicker.open(ModelFiles.bundled(), 1);
    picker.close();
    assertThatThrownBy(() -> picker.predict(new float[1][3][3000]))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void shouldParseTheBundledManifestThresholdsWhenRead() {
    ModelManifest m = ModelManifest.parse(ModelFiles.bundled().manifest(), "bundled");
    assertThat(m.inputShape()).containsExactly(-1L, 3L, 3000L);
    assertEquals(0.3, m.pThreshold());
    assertEquals(50, m.minPeakDistanceSamples());
    assertEquals(100.0, m.samplingRateHz());
  }

  private Path writeModel(Consumer<com.fasterxml.jackson.databind.JsonNode> edit)
      throws IOException {
    ModelFiles bundled = ModelFiles.bundled();
    var json = Json.mapper().readTree(bundled.manifest());
    edit.accept(json);
    Path model = dir.resolve("model.onnx");
    Files.write(model, bundled.model());
    Files.write(dir.resolve("model.json"), Json.mapper().writeValueAsBytes(json));
    return model;
  }
}
