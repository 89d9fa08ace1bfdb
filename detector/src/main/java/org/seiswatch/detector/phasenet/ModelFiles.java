package org.seiswatch.detector.phasenet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.seiswatch.common.error.ConfigurationException;

/**
 * The bytes of a model and its manifest, read once at startup: the bundled PhaseNet ({@link
 * #bundled()}, classpath {@value #BUNDLED_MODEL}) or files given by path ({@link #of(Path)}, the
 * manifest beside the model with the extension {@code .json}).
 *
 * @param description where the model came from, for messages
 */
public record ModelFiles(String description, byte[] model, byte[] manifest) {
  public static final String BUNDLED_MODEL = "/models/phasenet/phasenet.onnx";
  public static final String BUNDLED_MANIFEST = "/models/phasenet/phasenet.json";

  public ModelFiles {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(manifest, "manifest");
  }

  /** The PhaseNet model bundled in the detector jar. */
  public static ModelFiles bundled() {
    return new ModelFiles(
        "bundled " + BUNDLED_MODEL, resource(BUNDLED_MODEL), resource(BUNDLED_MANIFEST));
  }

  /** A model file with its manifest beside it ({@code phasenet.onnx} → {@code phasenet.json}). */
  public static ModelFiles of(Path model) {
    String file = model.getFileName().toString();
    int dot = file.lastIndexOf('.');
    String base = dot > 0 ? file.substring(0, dot) : file;
    return of(model, model.resolveSibling(base + ".json"));
  }

  public static ModelFiles of(Path model, Path manifest) {
    return new ModelFiles(model.toString(), read(model, "model"), read(manifest, "model manifest"));
  }

  /** {@link #bundled()} when {@code model} is null or blank, else {@link #of(Path)}. */
  public static ModelFiles resolve(String model, String manifest) {
    if (model == null || model.isBlank()) {
      return bundled();
    }
    if (manifest == null || manifest.isBlank()) {
      return of(Path.of(model));
    }
    return of(Path.of(model), Path.of(manifest));
  }

  private static byte[] read(Path path, String what) {
    if (!Files.isRegularFile(path)) {
      throw new ConfigurationException(what + " file not found: " + path.toAbsolutePath());
    }
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new ConfigurationException("cannot read " + what + " file " + path + ": " + e, e);
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = ModelFiles.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new ConfigurationException("bundled model resource missing: " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new ConfigurationException("cannot read bundled model resource " + name, e);
    }
  }
}
