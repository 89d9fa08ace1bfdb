package org.seiswatch.detector.phasenet;

/** Defaults of the PhaseNet picker that tests and configuration share. */
public final class PhaseNetSettings {
  /**
   * Stride 5 s, horizon H 10 s, blinding 0.5 s at 100 Hz: a pick is final at most 15 s after its
   * sample arrived; F1 within 0.02 of full stacking on the labeled traces ({@code
   * PhaseNetTraceStackingTest}).
   */
  public static final StackSettings DEFAULT_STACK = new StackSettings(500, 1000, 50);

  private PhaseNetSettings() {}
}
