package org.seiswatch.detector;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seiswatch.common.error.ConfigurationException;
import org.seiswatch.common.json.Json;
import org.seiswatch.detector.phasenet.ModelFiles;

/** The PhaseNet model is opened at {@link DetectorService#start()}; a bad one stops it there. */
class DetectorServiceTest {
  @TempDir Path dir;

  private DetectorService service(String modelPath) {
    Map<String, Object> props = new HashMap<>();
    props.put(DetectorConfig.BOOTSTRAP_SERVERS, "localhost:1");
    props.put(DetectorConfig.STATE_DIR, dir.resolve("state").toString());
    props.put(DetectorConfig.PICKER_TYPE, DetectorConfig.PICKER_TYPE_PHASENET);
    props.put(DetectorConfig.PHASENET_MODEL_PATH, modelPath);
    return new DetectorService(DetectorConfig.from(props));
  }

  @Test
  void shouldNameTheFileWhenTheConfiguredModelIsMissing() {
    DetectorService service = service(dir.resolve("missing.onnx").toString());
    assertThatThrownBy(service::start)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("model file not found")
        .hasMessageContaining("missing.onnx");
    assertEquals(KafkaStreams.State.CREATED, service.state());
  }

  @Test
  void shouldRejectTheModelWhenItsManifestDoesNotMatch() throws IOException {
    ModelFiles bundled = ModelFiles.bundled();
    Path model = dir.resolve("other.onnx");
    Files.write(model, bundled.model());
    JsonNode manifest = Json.mapper().readTree(bundled.manifest());
    ((ObjectNode) manifest.get("export")).put("sha256", "ab".repeat(32));
    Files.write(dir.resolve("other.json"), Json.mapper().writeValueAsBytes(manifest));
    DetectorService service = service(model.toString());
    assertThatThrownBy(service::start)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("sha256")
        .hasMessageContaining("does not match");
  }
}
