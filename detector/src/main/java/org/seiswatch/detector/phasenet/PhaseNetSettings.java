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
   * S picks are timed at the centre of the stacked peak at half its height ({@link
   * StackSettings#sCentreLevel}), the usual full-width-at-half-maximum centre: on the labeled
   * traces it turns two S picks 0.11-0.14 s off into hits at the test's grid position, and raises S
   * F1 at every one of 10 grid positions ({@code detector/README.md}).
   */
  public static final double DEFAULT_S_CENTRE_LEVEL = 0.5;

  /**
   * Stride 5 s, horizon H 10 s, blinding 0.5 s at 100 Hz, edge weight 0.2, S centred at half
   * height: a sample is final once the 10 s of data after it have arrived (5 s at the earliest), a
   * pick when the 0.51 s after its maximum are final too; F1 within 0.02 of full stacking on the
   * labeled traces ({@code PhaseNetTraceStackingTest}).
   */
  public static final StackSettings DEFAULT_STACK =
      new StackSettings(500, 1000, 50, DEFAULT_EDGE_WEIGHT, DEFAULT_S_CENTRE_LEVEL);

  private PhaseNetSettings() {}
}
