package org.seiswatch.detector.phasenet;

/** Defaults of the PhaseNet picker that tests and configuration share. */
public final class PhaseNetSettings {
  /**
   * A window's weight at its right blinding edge relative to the horizon ({@link
   * StackSettings#edgeWeight}): near its end a window has seen little of what follows a sample and
   * can put a P on pre-onset noise (measured in {@code PhaseNetTraceStackingTest}).
   */
  public static final double DEFAULT_EDGE_WEIGHT = 0.2;

  /**
   * Stride 5 s, horizon H 10 s, blinding 0.5 s at 100 Hz, edge weight 0.2: a pick is final at most
   * 15 s after its sample arrived; F1 within 0.02 of full stacking on the labeled traces ({@code
   * PhaseNetTraceStackingTest}).
   */
  public static final StackSettings DEFAULT_STACK =
      new StackSettings(500, 1000, 50, DEFAULT_EDGE_WEIGHT);

  private PhaseNetSettings() {}
}
