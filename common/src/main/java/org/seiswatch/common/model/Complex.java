package org.seiswatch.common.model;

/**
 * A complex number, as a pole or zero of a {@link PolesZeros} response: {@code re + i·im}, in the
 * unit of its response ({@link PolesZeros#unit()}).
 */
public record Complex(double re, double im) {
  public Complex {
    if (!Double.isFinite(re) || !Double.isFinite(im)) {
      throw new IllegalArgumentException("complex number " + re + " + i" + im + " is not finite");
    }
  }
}
