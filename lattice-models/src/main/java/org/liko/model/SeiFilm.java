package org.liko.model;

import org.liko.engine.Grid;
import org.liko.engine.InputException;
import org.liko.engine.Lattice;

/**
 * Sub-grid SEI film on the Li/electrolyte faces of coarse sites ({@code sei.film: true},
 * {@code transport.mode: field} with net exchange; docs/model.md, "Sub-grid SEI film").
 *
 * <p>Growth. Each Li site j carries one film on its faces to the electrolyte, of thickness
 * d_j(t) = m_j lambda (sqrt(1 + 2 v0 (t - t_j) / lambda) - 1): the linear-parabolic
 * (Deal-Grove) law d^2 + 2 lambda d = 2 v0 lambda (t - t_j), whose growth rate is v0 on fresh Li
 * and v0 lambda / (lambda + d) on a film, parabolic (d ~ sqrt(t)) once d &gt;&gt; lambda (Deal and
 * Grove, J. Appl. Phys. 36, 3770 (1965); parabolic SEI growth: Pinson and Bazant, J.
 * Electrochem. Soc. 160, A243 (2013)). v0 = k_SEI0 a0 is the atomistic fresh-Li growth rate of
 * {@code sei.rate_Hz} (one atomic layer a0 per conversion), lambda = {@code sei.decayLength_nm}:
 * the film is sub-grid, so the per-atom values apply unmapped. t_j is the time Li site j last
 * had a fresh surface: when it was plated, or when a plating or stripping event at a face
 * neighbour moved the Li under its film (the film cracks and the Li is bare again; it heals at
 * the growth law from there). m_j is a per-site spread, lognormal of mean 1,
 * m = exp(sigma z - sigma^2 / 2), z standard normal drawn (by a hash of the run's seed, the
 * site and its plating count, so that no stream of the run changes) when the site is plated.
 *
 * <p>Li books. The film's Li comes from the metal of its site (electrons from the metal, Li+
 * from the film's own growth; no external charge, like the coarse SEI formed at rest): a film
 * of thickness d on F faces holds F d a^2 rho_SEI Li atoms, rho_SEI = {@code sei.filmLiRatio}
 * x rho_Li. The growth is booked at the field's updates on the faces the site has then
 * (whole atoms, capped at the site's n atoms), in {@link #atoms}; a plated site starts with
 * none. When a site is oxidised its n - atoms metal atoms leave as electrons and its film
 * atoms stay as SEI debris ({@link #debris}); dead Li keeps its film and its film keeps
 * growing, and once lambda thick it insulates the dead Li ({@link #insulates}: Li plated
 * against it does not revive it). With root growth ({@link #extruded}) the films of a column
 * move up with its Li and the root is fresh. The inventory counts a site's film Li as SEI and the rest as metal or dead Li, so
 * both books close to the atom.
 *
 * <p>Rates. A film in series with the face's charge transfer: ionic resistance
 * R_f = d / kappa_SEI against R_ct = RT / (F i0), so the face's exchange current is
 * i0 / (1 + d / d_R) with d_R = kappa_SEI RT / (F i0) ({@link #factor}), on both directions of
 * Butler-Volmer (equilibrium unchanged). This is exact in the linear (small-eta) regime of the
 * face and underestimates the film's effect at large |eta| (the film's drop grows with i, the
 * charge-transfer resistance falls); it is used instead of the implicit series solve
 * i = i0 BV(eta - i R_f) because it keeps every face rate explicit. The field transport reads the
 * factor at the time of the last field update (ages frozen between updates, like c and Phi;
 * a film cracked since then is bare at once).
 */
final class SeiFilm {
  private final double lambda; // nm
  private final double v0; // nm/s
  private final double sigma;
  private final boolean root; // sei.filmRootGrowth
  private final double dR; // nm
  private final double atomsPerNm; // Li atoms per nm of film on one face
  private final long n;
  private final long seed;
  private final double[] born; // s, last fresh surface of the site
  private final double[] mult; // per-site spread m_j
  private final double[] booked; // nm, thickness booked since the site was last fresh
  private final long[] atoms; // Li atoms this site's films took from its metal
  private long debris; // film Li left by oxidised sites
  private long cracks; // films cracked by events at a neighbour

  /**
   * @param s the scenario (sei.*, kinetics.exchangeCurrent_mA_cm2, temperature_K)
   * @param sites lattice sites
   * @param siteNm a, nm
   * @param atomsPerSite n
   * @param seed the run's seed
   */
  SeiFilm(Scenario s, int sites, double siteNm, long atomsPerSite, long seed) {
    this.lambda = s.d("sei.decayLength_nm");
    this.v0 = s.d("sei.rate_Hz") * Physics.LI_SITE_NM;
    this.sigma = s.d("sei.filmSpread");
    this.root = s.b("sei.filmRootGrowth");
    double i0 = Physics.mAcm2ToAm2(s.d("kinetics.exchangeCurrent_mA_cm2"));
    double rt = Physics.KB_EV * s.d("temperature_K"); // RT/F, V
    this.dR = s.d("sei.filmConductivity_S_m") * rt / i0 * 1e9;
    double volPerAtom = Math.pow(Physics.LI_SITE_NM, 3); // nm^3 per Li atom of the metal
    this.atomsPerNm = s.d("sei.filmLiRatio") * siteNm * siteNm / volPerAtom;
    this.n = atomsPerSite;
    this.seed = seed;
    if (atomsPerSite <= 1) {
      throw new InputException(s.source() + ": field 'sei.film': value true is a sub-grid film"
          + " of coarse sites; allowed: false with lattice.atomsPerSite 1 (atomistic SEI is the"
          + " sei.recipe conversion)");
    }
    born = new double[sites];
    mult = new double[sites];
    booked = new double[sites];
    atoms = new long[sites];
    for (int j = 0; j < sites; j++) {
      mult[j] = draw(j, 0);
    }
  }

  /** Lognormal multiplier of mean 1 for site j at its k-th plating (hash of seed, j, k). */
  private double draw(int j, long k) {
    if (sigma == 0) {
      return 1.0;
    }
    long h = mix(seed ^ mix(j * 0x9E3779B97F4A7C15L + k));
    double u1 = ((mix(h) >>> 11) + 0.5) * 0x1.0p-53;
    double u2 = ((mix(h + 0x632BE59BD9B4E019L) >>> 11) + 0.5) * 0x1.0p-53;
    double z = StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2);
    return StrictMath.exp(sigma * z - 0.5 * sigma * sigma);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Film thickness of site j at time t, nm. */
  double thickness(int j, double t) {
    double tau = Math.max(t - born[j], 0.0);
    return mult[j] * lambda * (StrictMath.sqrt(1 + 2 * v0 * tau / lambda) - 1);
  }

  /** Exchange-current factor 1 / (1 + d / d_R) of site j's faces at time t. */
  double factor(int j, double t) {
    return 1.0 / (1.0 + thickness(j, t) / dR);
  }

  /**
   * True when site j's film at time t is at least the electron tunnelling length lambda thick:
   * it then insulates the Li under it electronically (the tunnelling that limits the film's own
   * growth falls off as exp(-d / lambda)), so Li plated against it does not connect to it.
   */
  boolean insulates(int j, double t) {
    return thickness(j, t) >= lambda;
  }

  /** True with root growth (sei.filmRootGrowth). */
  boolean rootGrowth() {
    return root;
  }

  /** d_R = kappa_SEI RT / (F i0), nm: the film whose resistance equals charge transfer's. */
  double resistanceLength() {
    return dR;
  }

  /** Site j became Li at time t (its k-th plating): a fresh surface with a new spread. */
  void plated(int j, double t, long k) {
    born[j] = t;
    booked[j] = 0;
    atoms[j] = 0;
    mult[j] = draw(j, k);
  }

  /**
   * Root growth ({@code sei.filmRootGrowth}): Li plated at site i on top of a column of live Li
   * (sites below, {@code plane} apart, down to {@code base}) is inserted at the column's root
   * under the intact film, so the column is extruded by one site: every film moves up with its
   * Li (site z takes the film of site z - 1, i the film of the site below it) and the root,
   * {@code base}, is the fresh Li (its k-th plating: a new spread, no film). Film atoms move
   * with their films, so the books are unchanged.
   */
  void extruded(int i, int base, int plane, double t, long k) {
    for (int j = i; j > base; j -= plane) {
      int b = j - plane;
      born[j] = born[b];
      mult[j] = mult[b];
      booked[j] = booked[b];
      atoms[j] = atoms[b];
    }
    born[base] = t;
    booked[base] = 0;
    atoms[base] = 0;
    mult[base] = draw(base, k);
  }

  /** The Li under site j's film moved at time t: the film cracks, the Li is bare again. */
  void crack(int j, double t) {
    born[j] = t;
    booked[j] = 0;
    cracks++;
  }

  /** Site j was oxidised: its film Li stays as SEI debris; returns those atoms. */
  long oxidised(int j) {
    long a = atoms[j];
    debris += a;
    atoms[j] = 0;
    booked[j] = 0;
    return a;
  }

  /**
   * Books the growth up to time t of every film on a site of material li or dead with faces to
   * fluid sites (flag mask fluid): faces x (d(t) - d booked) x a^2 rho_SEI whole atoms, capped at
   * n per site.
   */
  void grow(double t, byte[] cells, int[] flags, Grid grid, int li, int dead, int fluid) {
    for (int j = 0; j < cells.length; j++) {
      int m = cells[j] & Lattice.MATERIAL_MASK;
      if (m != li && m != dead) {
        continue;
      }
      int faces = fluidFaces(cells, flags, grid, j, fluid);
      double d = thickness(j, t);
      if (faces == 0 || d <= booked[j]) {
        continue;
      }
      long add = (long) (faces * (d - booked[j]) * atomsPerNm);
      if (add > 0) {
        atoms[j] = Math.min(n, atoms[j] + add);
        booked[j] += add / (faces * atomsPerNm);
      }
    }
  }

  /** Film Li atoms on sites of material m. */
  long on(byte[] cells, int m) {
    long sum = 0;
    for (int j = 0; j < cells.length; j++) {
      if ((cells[j] & Lattice.MATERIAL_MASK) == m) {
        sum += atoms[j];
      }
    }
    return sum;
  }

  /** Film Li left behind by oxidised sites, atoms. */
  long debris() {
    return debris;
  }

  /** Films cracked so far. */
  long cracks() {
    return cracks;
  }

  /** Mean film thickness over sites of material m with a face to a fluid site, nm. */
  double meanThickness(byte[] cells, int[] flags, Grid grid, int m, int fluid, double t) {
    double sum = 0;
    long c = 0;
    for (int j = 0; j < cells.length; j++) {
      if ((cells[j] & Lattice.MATERIAL_MASK) != m) {
        continue;
      }
      if (fluidFaces(cells, flags, grid, j, fluid) > 0) {
        sum += thickness(j, t);
        c++;
      }
    }
    return c > 0 ? sum / c : 0.0;
  }

  /** Faces of site j shared with sites whose material flags include fluid. */
  private static int fluidFaces(byte[] cells, int[] flags, Grid grid, int j, int fluid) {
    int faces = 0;
    for (int d = 0; d < grid.directions && d < 6; d++) {
      int k = grid.neighbour(j, d);
      if (k >= 0 && (flags[cells[k] & Lattice.MATERIAL_MASK] & fluid) != 0) {
        faces++;
      }
    }
    return faces;
  }

  void save(org.liko.engine.checkpoint.StateOut out) {
    out.section("sei-film").doubles(born).doubles(mult).doubles(booked).longs(atoms).l(debris)
        .l(cracks);
  }

  void restore(org.liko.engine.checkpoint.StateIn in) {
    in.section("sei-film");
    in.doubles(born);
    in.doubles(mult);
    in.doubles(booked);
    in.longs(atoms);
    debris = in.l();
    cracks = in.l();
  }
}
