package org.seiswatch.detector.phasenet;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.seiswatch.common.error.ConfigurationException;
import org.seiswatch.common.error.SeiswatchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PhasePicker} on ONNX Runtime (CPU): one {@link OrtSession} per picker on the shared {@link
 * OrtEnvironment}. {@link #open} checks the model against its manifest before anything runs: the
 * sha256 of the model file, then the graph's single input and output (name, float32, shape {@code
 * [batch, 3, window_samples]}); any mismatch throws {@link ConfigurationException} naming it. See
 * {@code models/README.md}.
 */
public final class OnnxPhasePicker implements PhasePicker {
  private static final Logger log = LoggerFactory.getLogger(OnnxPhasePicker.class);

  private final ModelManifest manifest;
  private final OrtSession session;
  private volatile boolean closed;

  private OnnxPhasePicker(ModelManifest manifest, OrtSession session) {
    this.manifest = manifest;
    this.session = session;
  }

  /**
   * Checks and loads a model.
   *
   * @param intraOpThreads ONNX Runtime intra-op threads (1 keeps one core per stream thread)
   * @throws ConfigurationException if the manifest or model is bad or they do not match
   */
  public static OnnxPhasePicker open(ModelFiles files, int intraOpThreads) {
    ModelManifest manifest = ModelManifest.parse(files.manifest(), files.description());
    String digest = sha256(files.model());
    if (!digest.equals(manifest.sha256())) {
      throw new ConfigurationException(
          "model "
              + files.description()
              + ": sha256 "
              + digest
              + " does not match the manifest's export.sha256 "
              + manifest.sha256());
    }
    if (intraOpThreads < 1) {
      throw new ConfigurationException("model intra-op threads must be >= 1: " + intraOpThreads);
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    OrtSession session;
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      options.setIntraOpNumThreads(intraOpThreads);
      options.setInterOpNumThreads(1);
      session = env.createSession(files.model(), options);
    } catch (OrtException e) {
      throw new ConfigurationException(
          "model " + files.description() + " cannot be loaded by ONNX Runtime: " + e.getMessage(),
          e);
    }
    try {
      check(files.description(), "input", session.getInputInfo(), manifest.inputName(), manifest);
      check(
          files.description(), "output", session.getOutputInfo(), manifest.outputName(), manifest);
    } catch (ConfigurationException e) {
      closeQuietly(session);
      throw e;
    } catch (OrtException e) {
      closeQuietly(session);
      throw new ConfigurationException(
          "model " + files.description() + ": cannot read its inputs/outputs: " + e, e);
    }
    log.info(
        "Phase picker {} {} loaded from {} ({} intra-op threads)",
        manifest.name(),
        manifest.version(),
        files.description(),
        intraOpThreads);
    return new OnnxPhasePicker(manifest, session);
  }

  private static void check(
      String model, String role, Map<String, NodeInfo> infos, String name, ModelManifest manifest) {
    NodeInfo info = infos.get(name);
    if (info == null || infos.size() != 1) {
      throw new ConfigurationException(
          "model "
              + model
              + ": manifest "
              + role
              + ".name '"
              + name
              + "' but the graph's "
              + role
              + "s are "
              + infos.keySet());
    }
    if (!(info.getInfo() instanceof TensorInfo tensor)
        || tensor.type != ai.onnxruntime.OnnxJavaType.FLOAT) {
      throw new ConfigurationException(
          "model " + model + ": " + role + " '" + name + "' is not a float32 tensor: " + info);
    }
    List<Long> shape = new ArrayList<>();
    for (long d : tensor.getShape()) {
      shape.add(d < 0 ? -1L : d);
    }
    List<Long> expected = role.equals("input") ? manifest.inputShape() : manifest.outputShape();
    if (!shape.equals(expected)) {
      throw new ConfigurationException(
          "model "
              + model
              + ": "
              + role
              + " '"
              + name
              + "' has shape "
              + ModelManifest.describe(shape)
              + ", manifest says "
              + ModelManifest.describe(expected));
    }
  }

  @Override
  public ModelManifest manifest() {
    return manifest;
  }

  @Override
  public float[][][] predict(float[][][] windows) {
    if (closed) {
      throw new IllegalStateException("phase picker closed");
    }
    int batch = windows.length;
    int channels = ModelManifest.CHANNELS;
    int n = manifest.windowSamples();
    FloatBuffer input = FloatBuffer.allocate(batch * channels * n);
    for (float[][] window : windows) {
      if (window.length != channels) {
        throw new IllegalArgumentException("window has " + window.length + " channels");
      }
      for (float[] channel : window) {
        if (channel.length != n) {
          throw new IllegalArgumentException("window channel has " + channel.length + " samples");
        }
        input.put(channel);
      }
    }
    input.flip();
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OnnxTensor tensor = OnnxTensor.createTensor(env, input, new long[] {batch, channels, n});
        OrtSession.Result result = session.run(Map.of(manifest.inputName(), tensor))) {
      OnnxValue value =
          result
              .get(manifest.outputName())
              .orElseThrow(() -> new IllegalStateException("no output " + manifest.outputName()));
      FloatBuffer out = ((OnnxTensor) value).getFloatBuffer();
      float[][][] probs = new float[batch][channels][n];
      for (int b = 0; b < batch; b++) {
        for (int c = 0; c < channels; c++) {
          out.get(probs[b][c]);
        }
      }
      return probs;
    } catch (OrtException e) {
      throw new SeiswatchException("ONNX Runtime failed on a batch of " + batch + ": " + e, e);
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      closeQuietly(session);
    }
  }

  private static void closeQuietly(OrtSession session) {
    try {
      session.close();
    } catch (OrtException e) {
      log.warn("Closing the ONNX Runtime session failed: {}", e.getMessage());
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
