package org.liko.model;

import java.util.List;
import org.liko.engine.Grid;
import org.liko.engine.Lattice;

/**
 * Nucleus count and size distribution over time ({@code output.nuclei}), as nucleation studies
 * report them (island density and size distribution: Venables, Introduction to Surface and Thin
 * Film Processes, Cambridge 2000, ch. 5; for Li on Cu, nucleus density rising with current:
 * Pei et al., Nano Lett. 17, 1132, 2017). A nucleus is a face-connected cluster of Li (live or
 * dead) touching the substrate's top plane ({@link Morphology#nucleusSizes}, the clusters the
 * run summary's {@code morphology.nuclei} counts); a film is one nucleus. Sizes are in sites
 * (atoms times {@code lattice.atomsPerSite}); quantiles interpolate between order statistics
 * ({@link Morphology#percentile}); the areal density divides the count by the electrode area
 * nx ny a^2 (nx a in 2D, per um).
 */
public final class Nuclei {
  /** Columns of {@code nuclei.csv}. */
  public static final List<String> COLUMNS = List.of("time_s", "nuclei", "mean_size_sites",
      "p50_size_sites", "p90_size_sites", "max_size_sites", "density_per_um2");

  private Nuclei() {}

  /** One row ({@link #COLUMNS}) of the lattice at time t; sizes 0 when there is none. */
  public static double[] row(Lattice lattice, int base, double siteNm, double time) {
    int[] sizes = Morphology.nucleusSizes(lattice, base, LiMaterials.LI, LiMaterials.LI_DEAD);
    double[] x = new double[sizes.length];
    double total = 0;
    double max = 0;
    for (int k = 0; k < sizes.length; k++) {
      x[k] = sizes[k];
      total += sizes[k];
      max = Math.max(max, sizes[k]);
    }
    Grid g = lattice.grid();
    double um = siteNm * 1e-3;
    double area = g.ny == 1 ? g.nx * um : g.nx * um * g.ny * um;
    int n = sizes.length;
    return new double[] {time, n, n == 0 ? 0 : total / n,
        n == 0 ? 0 : Morphology.percentile(x, 0.5), n == 0 ? 0 : Morphology.percentile(x, 0.9),
        max, n / area};
  }
}
