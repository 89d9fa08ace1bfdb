package org.seiswatch.detector.associator;

/** Gauss–Jordan elimination with partial pivoting for the small normal equations. */
final class Matrix4 {
  private static final double SINGULAR = 1e-12;

  private Matrix4() {}

  /** Solves {@code a x = b}, or null if {@code a} is singular. */
  static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[][] m = new double[n][n + 1];
    for (int r = 0; r < n; r++) {
      System.arraycopy(a[r], 0, m[r], 0, n);
      m[r][n] = b[r];
    }
    return eliminate(m, n, 1) ? column(m, n) : null;
  }

  /** The inverse of {@code a}, or null if singular. */
  static double[][] invert(double[][] a) {
    int n = a.length;
    double[][] m = new double[n][2 * n];
    for (int r = 0; r < n; r++) {
      System.arraycopy(a[r], 0, m[r], 0, n);
      m[r][n + r] = 1;
    }
    if (!eliminate(m, n, n)) {
      return null;
    }
    double[][] out = new double[n][n];
    for (int r = 0; r < n; r++) {
      System.arraycopy(m[r], n, out[r], 0, n);
    }
    return out;
  }

  private static boolean eliminate(double[][] m, int n, int extra) {
    double scale = 0;
    for (int r = 0; r < n; r++) {
      scale = Math.max(scale, Math.abs(m[r][r]));
    }
    for (int c = 0; c < n; c++) {
      int pivot = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
          pivot = r;
        }
      }
      if (!(Math.abs(m[pivot][c]) > SINGULAR * Math.max(scale, 1e-300))) {
        return false;
      }
      double[] tmp = m[c];
      m[c] = m[pivot];
      m[pivot] = tmp;
      double p = m[c][c];
      for (int k = 0; k < n + extra; k++) {
        m[c][k] /= p;
      }
      for (int r = 0; r < n; r++) {
        if (r != c && m[r][c] != 0) {
          double f = m[r][c];
          for (int k = 0; k < n + extra; k++) {
            m[r][k] -= f * m[c][k];
          }
        }
      }
    }
    return true;
  }

  private static double[] column(double[][] m, int n) {
    double[] x = new double[n];
    for (int r = 0; r < n; r++) {
      x[r] = m[r][n];
    }
    return x;
  }
}
