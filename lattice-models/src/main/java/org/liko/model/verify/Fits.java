package org.liko.model.verify;

import java.util.function.IntFunction;
import java.util.stream.IntStream;

/** Small statistics of the verification cases: least squares, means, standard errors. */
public final class Fits {
  private Fits() {}

  /** Least-squares line y = a + b x: {a, b, standard error of b} (NaN with two points). */
  public static double[] line(double[] x, double[] y) {
    int n = x.length;
    double mx = mean(x);
    double my = mean(y);
    double sxx = 0;
    double sxy = 0;
    for (int i = 0; i < n; i++) {
      sxx += (x[i] - mx) * (x[i] - mx);
      sxy += (x[i] - mx) * (y[i] - my);
    }
    double b = sxy / sxx;
    double a = my - b * mx;
    double ss = 0;
    for (int i = 0; i < n; i++) {
      double r = y[i] - a - b * x[i];
      ss += r * r;
    }
    double se = n > 2 ? Math.sqrt(ss / (n - 2) / sxx) : Double.NaN;
    return new double[] {a, b, se};
  }

  /** Arithmetic mean. */
  public static double mean(double[] x) {
    double s = 0;
    for (double d : x) {
      s += d;
    }
    return s / x.length;
  }

  /** Sample standard deviation (n - 1). */
  public static double sd(double[] x) {
    double m = mean(x);
    double s = 0;
    for (double d : x) {
      s += (d - m) * (d - m);
    }
    return Math.sqrt(s / (x.length - 1));
  }

  /** Standard error of the mean. */
  public static double se(double[] x) {
    return sd(x) / Math.sqrt(x.length);
  }

  /** Natural logarithm of each value. */
  public static double[] log(double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = Math.log(x[i]);
    }
    return y;
  }

  /**
   * f(0), ..., f(n - 1) computed in parallel on the common pool, returned in index order (so the
   * result does not depend on the thread count: each replica has its own seed).
   */
  public static <T> T[] replicas(int n, IntFunction<T> f, IntFunction<T[]> array) {
    return IntStream.range(0, n).parallel().mapToObj(f).toArray(array);
  }
}
