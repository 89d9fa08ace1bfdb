package org.seiswatch.detector.phasenet;

/**
 * A phase-picking network behind its manifest: turns normalised 3-channel windows into per-sample
 * class probabilities (0 = noise, 1 = P, 2 = S), as in {@code models/README.md} "Contract".
 * Implementations are safe to call from several threads.
 */
public interface PhasePicker extends AutoCloseable {

  /** The contract the model was checked against at startup. */
  ModelManifest manifest();

  /**
   * Runs the model once on a batch.
   *
   * @param windows {@code [batch][3][window_samples]}, channels in manifest order, already
   *     normalised with {@link WindowNormalizer}
   * @return {@code [batch][3 classes][window_samples]} probabilities
   */
  float[][][] predict(float[][][] windows);

  /** Releases the model; later calls to {@link #predict} fail. */
  @Override
  void close();
}
