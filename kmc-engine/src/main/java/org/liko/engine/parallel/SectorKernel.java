package org.liko.engine.parallel;

import org.liko.engine.Grid;
import org.liko.engine.Lattice;
import org.liko.engine.Material;
import org.liko.engine.rng.Philox;
import org.liko.engine.rules.SiteRules;

/**
 * The passes of the {@code parallel} solver (DESIGN section 3) as static methods over primitive
 * arrays, so that the cpu and cpu-parallel engines and (later) an Aparapi kernel with an int
 * {@code pass} field run the same code. No floating point, no objects, no allocation: every rate
 * reaches this class as a 32-bit acceptance threshold built on the host.
 *
 * <h2>Event types</h2>
 * An attempt picks a site of its sector uniformly and an event type by a fixed split
 * ({@link #P_SPLIT}: cumulative unsigned thresholds, so type T has probability
 * {@code R_T / R_max} where {@code R_T} is the largest per-site rate of type T): {@link #DEPOSIT}
 * (class {@link SiteRules#depositClass}), {@link #DISSOLVE} (class = bond count),
 * {@link #HOP} (a direction picked uniformly; class = bond count; the per-class threshold is for
 * one direction), {@link #CONVERT} (class = layer run length) and {@link #HEAL} (class = the
 * healing layer above a pocket). The attempt is accepted iff a
 * fresh uint32 is below the class threshold ({@code floor(rate / R_T * 2^32)}).
 *
 * <h2>Random numbers</h2>
 * Attempt {@code a} of sector {@code s} uses one Philox4x32-10 block, key = seed, counter =
 * (index {@code a * sectors + s}, colour, stream {@link #STREAM_ATTEMPT}, sweep) in the layout
 * of {@link Philox}; its four words pick the site, the type, accept, and the direction or the
 * product. Nothing depends on which thread runs a sector.
 *
 * <h2>Locality</h2>
 * An event at site i reads and writes only within {@code range} sites of i laterally (2, or the
 * longest layer run + 1 when conversion is on) and anywhere in i's column; sectors of one colour
 * are at least {@code 2 range} apart ({@link SectorLayout}), so they are independent.
 */
public final class SectorKernel {
  /** Pass: per-sector class histograms (and counter reset); all sectors. */
  public static final int PASS_COUNT = 0;
  /** Pass: the attempts of every sector of one colour. */
  public static final int PASS_SWEEP = 1;

  /** Table slot: {@link #P_NX}... parameters and thresholds. */
  public static final int SLOT_PARAMS = 0;
  /** Table slot: material flags by id (64). */
  public static final int SLOT_FLAGS = 1;
  /** Table slot: sectors, {@link #SECTOR_INTS} per sector (x0, x1, y0, y1, colour). */
  public static final int SLOT_SECTORS = 2;
  /** Table slot: attempts per sector for the next sweep pass (host-drawn). */
  public static final int SLOT_ATTEMPTS = 3;
  /** Table slot (output): counters, {@link #COUNTERS} per sector. */
  public static final int SLOT_COUNTERS = 4;
  /** Table slot (output): class histograms, {@link #histSize} per sector. */
  public static final int SLOT_HIST = 5;

  /** Event type: deposition. */
  public static final int DEPOSIT = 0;
  /** Event type: dissolution. */
  public static final int DISSOLVE = 1;
  /** Event type: hop of a mobile solid. */
  public static final int HOP = 2;
  /** Event type: conversion into a layer. */
  public static final int CONVERT = 3;
  /**
   * Event type: a healing layer flows into the pocket at a fluid site ({@link
   * SiteRules#healClass}: class = the layer material above); the two sites swap.
   */
  public static final int HEAL = 4;
  /** Number of event types. */
  public static final int TYPES = 5;

  /** Philox stream of the attempts. */
  public static final int STREAM_ATTEMPT = 0;
  /** Philox stream of the host's per-sector attempt counts. */
  public static final int STREAM_COUNT = 1;

  /** Ints per sector in the sectors table. */
  public static final int SECTOR_INTS = 5;

  // parameter table
  /** Lattice size x. */
  public static final int P_NX = 0;
  /** Lattice size y. */
  public static final int P_NY = 1;
  /** Lattice size z. */
  public static final int P_NZ = 2;
  /** Directions (4 or 6). */
  public static final int P_DIRS = 3;
  /** Material id of the product (live deposit). */
  public static final int P_PRODUCT = 4;
  /** Material id of the inert product (dead). */
  public static final int P_INERT = 5;
  /** Material id of the fluid left behind by dissolution and hops. */
  public static final int P_FLUID = 6;
  /** First layer material of conversion. */
  public static final int P_LAYER_A = 7;
  /** Second layer material of conversion. */
  public static final int P_LAYER_B = 8;
  /** Longest layer run (conversion classes 0..maxRun). */
  public static final int P_MAX_RUN = 9;
  /** Share of LAYER_A among conversion products, out of 2^24. */
  public static final int P_LAYER_SHARE = 10;
  /** 1 when a conversion takes its unit from the current (a fluid site converts), else 0. */
  public static final int P_FROM_CARRIER = 11;
  /** Product at or above this z counts as a short circuit. */
  public static final int P_SHORT_Z = 12;
  /** Philox key word 0 (seed bits 0..31). */
  public static final int P_KEY0 = 13;
  /** Philox key word 1 (seed bits 32..63). */
  public static final int P_KEY1 = 14;
  /** Number of sectors. */
  public static final int P_SECTORS = 15;
  /** 1 when conversion is on (its classes are counted), else 0. */
  public static final int P_CONVERT_ON = 16;
  /** 1 when hops are on, else 0. */
  public static final int P_HOP_ON = 17;
  /** Parameter: number of hop moves ({@link SiteRules#hopMoves(int, boolean)}). */
  public static final int P_MOVES = 18;
  /** 1 when healing is on (its classes are counted), else 0. */
  public static final int P_HEAL_ON = 19;
  /** Cumulative type split, {@link #TYPES} unsigned thresholds (type T iff u &lt; split[T]). */
  public static final int P_SPLIT = 20;
  /** Deposition thresholds by class ({@link SiteRules#DEPOSIT_CLASSES}). */
  public static final int P_DEP_THR = 32;
  /** Crack flags by deposition class: 1 when depositing in that class cracks the layer. */
  public static final int P_CRACK = P_DEP_THR + SiteRules.DEPOSIT_CLASSES;
  /** Dissolution thresholds by bond count (8). */
  public static final int P_DIS_THR = P_CRACK + SiteRules.DEPOSIT_CLASSES;
  /** Hop thresholds per direction by bond count (8). */
  public static final int P_HOP_THR = P_DIS_THR + 8;
  /** Healing thresholds by layer material ({@link Lattice#MAX_MATERIALS}). */
  public static final int P_HEAL_THR = P_HOP_THR + 8;
  /** Conversion thresholds by run length (maxRun + 1). */
  public static final int P_CONV_THR = P_HEAL_THR + Lattice.MAX_MATERIALS;

  // histogram layout (per sector)
  /** Histogram: deposition classes. */
  public static final int H_DEP = 0;
  /** Histogram: dissolution bond counts (8). */
  public static final int H_DIS = SiteRules.DEPOSIT_CLASSES;
  /** Histogram: hop-capable sites by bond count (8). */
  public static final int H_HOP = H_DIS + 8;
  /** Histogram: healing classes by layer material ({@link Lattice#MAX_MATERIALS}). */
  public static final int H_HEAL = H_HOP + 8;
  /** Histogram: conversion run lengths (maxRun + 1). */
  public static final int H_CONV = H_HEAL + Lattice.MAX_MATERIALS;

  // counters (per sector, reset by the count pass)
  /** Counter: attempts made. */
  public static final int C_ATTEMPTS = 0;
  /** Counter: attempts accepted (events). */
  public static final int C_ACCEPTED = 1;
  /** Counter: depositions. */
  public static final int C_DEPOSITS = 2;
  /** Counter: dissolutions. */
  public static final int C_DISSOLVES = 3;
  /** Counter: hops. */
  public static final int C_HOPS = 4;
  /** Counter: conversions whose unit came from the current. */
  public static final int C_CONV_CARRIER = 5;
  /** Counter: conversions of a product site. */
  public static final int C_CONV_SOLID = 6;
  /** Counter: product placed at or above the short-circuit height. */
  public static final int C_SHORT = 7;
  /** Counter: product placed next to inert product (a flood fill is due to revive it). */
  public static final int C_INERT_TOUCHED = 8;
  /** Counter: depositions beneath a layer that cracked it ({@link SiteRules#CRACKED}). */
  public static final int C_CRACKS = 9;
  /** Counter: healing moves. */
  public static final int C_HEALS = 10;
  /** Counters per sector. */
  public static final int COUNTERS = 11;

  private SectorKernel() {}

  /** Size of the parameter table for a longest layer run of maxRun. */
  public static int paramsSize(int maxRun) {
    return P_CONV_THR + maxRun + 1;
  }

  /** Histogram ints per sector for a longest layer run of maxRun. */
  public static int histSize(int maxRun) {
    return H_CONV + maxRun + 1;
  }

  /** Unsigned 32-bit comparison a &lt; b of two bit patterns, without floating point. */
  public static boolean below(int a, int b) {
    return (a ^ Integer.MIN_VALUE) < (b ^ Integer.MIN_VALUE);
  }

  /** Site index of local index l of a sector (x fastest, then y, then z). */
  private static int siteOf(int l, int x0, int w, int y0, int h, int nx, int ny) {
    int lx = l % w;
    int t = l / w;
    int ly = t % h;
    int z = t / h;
    return (z * ny + y0 + ly) * nx + x0 + lx;
  }

  /**
   * Count pass for one sector: zeroes its counters and histogram slice, then counts every site
   * of the sector by deposition class (only where deposition is possible, layers only where the
   * column can be lifted), dissolution bond count, hop bond count (mobile sites with an allowed
   * target) and conversion run length. Reads the lattice only.
   */
  public static void countSector(byte[] cells, int[] flags, int[] params, int[] sectors,
      int[] hist, int[] counters, int sector) {
    int nx = params[P_NX];
    int ny = params[P_NY];
    int nz = params[P_NZ];
    int dirs = params[P_DIRS];
    int product = params[P_PRODUCT];
    int maxRun = params[P_MAX_RUN];
    int hs = histSize(maxRun);
    int hb = sector * hs;
    for (int k = 0; k < hs; k++) {
      hist[hb + k] = 0;
    }
    for (int k = 0; k < COUNTERS; k++) {
      counters[sector * COUNTERS + k] = 0;
    }
    int sb = sector * SECTOR_INTS;
    int x0 = sectors[sb];
    int w = sectors[sb + 1] - x0;
    int y0 = sectors[sb + 2];
    int h = sectors[sb + 3] - y0;
    int n = w * h * nz;
    boolean hopOn = params[P_HOP_ON] != 0;
    boolean convOn = params[P_CONVERT_ON] != 0;
    boolean healOn = params[P_HEAL_ON] != 0;
    for (int l = 0; l < n; l++) {
      int i = siteOf(l, x0, w, y0, h, nx, ny);
      int m = cells[i] & Lattice.MATERIAL_MASK;
      int f = flags[m];
      if (m == product) {
        int dn = SiteRules.dissolveClass(cells, flags, i, nx, ny, nz, dirs, product);
        if (dn != SiteRules.NONE) {
          hist[hb + H_DIS + dn]++;
        }
        if (convOn) {
          int run = SiteRules.convertClass(cells, flags, i, nx, ny, nz, dirs, product,
              params[P_LAYER_A], params[P_LAYER_B], maxRun);
          if (run != SiteRules.NONE) {
            hist[hb + H_CONV + run]++;
          }
        }
      } else {
        int cls = SiteRules.depositClass(cells, flags, i, nx, ny, nz, dirs, product);
        if (cls != SiteRules.NONE && (SiteRules.depositKind(cls) != SiteRules.UNDER_LAYER
            || SiteRules.canLift(cells, flags, i, nx, ny, nz))) {
          hist[hb + H_DEP + cls]++;
        }
        if (healOn) {
          int hm = SiteRules.healClass(cells, flags, i, nx, ny, nz, product);
          if (hm != SiteRules.NONE) {
            hist[hb + H_HEAL + hm]++;
          }
        }
      }
      if (hopOn && (f & Material.MOBILE) != 0
          && SiteRules.hopTargets(cells, flags, i, nx, ny, nz, dirs, params[P_MOVES]) > 0) {
        hist[hb + H_HOP + SiteRules.solidNeighbours(cells, flags, i, nx, ny, nz, dirs)]++;
      }
    }
  }

  /**
   * Sweep pass for one sector of the current colour: {@code attempts[sector]} attempts, each
   * accepted iff its uint32 draw is below the class threshold. Counters accumulate into the
   * sector's slice. {@code scratch} holds 4 ints per sector (the Philox block).
   */
  public static void sweepSector(byte[] cells, int[] flags, int[] params, int[] sectors,
      int[] attempts, int[] counters, int[] scratch, int sector, int colour, long sweep) {
    sweepSectorAt(cells, flags, params, sectors, attempts, counters, scratch, sector, colour,
        (int) sweep, (int) (sweep >>> 32));
  }

  /**
   * {@link #sweepSector} with the sweep number as its two Philox counter words (low, high):
   * the entry point of device kernels (Aparapi 3.0.2 mistranslates a {@code long} parameter of
   * a called method, and fails to fold a loop with this many branches, hence
   * {@link #attempt}).
   */
  public static void sweepSectorAt(byte[] cells, int[] flags, int[] params, int[] sectors,
      int[] attempts, int[] counters, int[] scratch, int sector, int colour, int sweepLo,
      int sweepHi) {
    int cb = sector * COUNTERS;
    int tries = attempts[sector];
    int accepted = 0;
    for (int a = 0; a < tries; a++) {
      accepted += attempt(cells, flags, params, sectors, counters, scratch, sector, colour,
          sweepLo, sweepHi, a);
    }
    counters[cb + C_ATTEMPTS] += tries;
    counters[cb + C_ACCEPTED] += accepted;
  }

  /** Attempt {@code a} of a sector's sweep pass; returns 1 when accepted, else 0. */
  private static int attempt(byte[] cells, int[] flags, int[] params, int[] sectors,
      int[] counters, int[] scratch, int sector, int colour, int c2, int c3, int a) {
    int nx = params[P_NX];
    int ny = params[P_NY];
    int nz = params[P_NZ];
    int dirs = params[P_DIRS];
    int product = params[P_PRODUCT];
    int inert = params[P_INERT];
    int fluid = params[P_FLUID];
    int maxRun = params[P_MAX_RUN];
    int shortZ = params[P_SHORT_Z];
    int plane = nx * ny;
    int sb = sector * SECTOR_INTS;
    int x0 = sectors[sb];
    int w = sectors[sb + 1] - x0;
    int y0 = sectors[sb + 2];
    int h = sectors[sb + 3] - y0;
    long n = (long) w * h * nz;
    int cb = sector * COUNTERS;
    int rb = sector * 4;
    long index = (long) a * params[P_SECTORS] + sector;
    Philox.philox4((int) index, Philox.counter1(index, colour, STREAM_ATTEMPT), c2, c3,
        params[P_KEY0], params[P_KEY1], scratch, rb);
    int l = (int) (((scratch[rb] & 0xFFFFFFFFL) * n) >>> 32);
    int i = siteOf(l, x0, w, y0, h, nx, ny);
    int uType = scratch[rb + 1];
    int uAccept = scratch[rb + 2];
    int uExtra = scratch[rb + 3];
    int type = TYPES;
    for (int t = TYPES - 1; t >= 0; t--) {
      if (below(uType, params[P_SPLIT + t])) {
        type = t;
      }
    }
    int accepted = 0;
    // Aparapi 3.0.2 folds neither continue statements, else-if chains nor mixed && / ||
    // conditions here ("child list broken"): plain ifs on an int flag
    if (type == DEPOSIT) {
      int cls = SiteRules.depositClass(cells, flags, i, nx, ny, nz, dirs, product);
      int go = 0;
      if (cls != SiteRules.NONE && below(uAccept, params[P_DEP_THR + cls])) {
        go = 1;
        if (SiteRules.depositKind(cls) == SiteRules.UNDER_LAYER
            && !SiteRules.canLift(cells, flags, i, nx, ny, nz)) {
          go = 0;
        }
      }
      if (go != 0) {
        int r = SiteRules.applyDeposit(cells, flags, i, nx, ny, nz, product, fluid,
            params[P_CRACK + cls] != 0);
        accepted = 1;
        if (r >= 0 && (r & SiteRules.CRACKED) != 0) {
          counters[cb + C_CRACKS]++;
        }
        counters[cb + C_DEPOSITS]++;
        if (i / plane >= shortZ) {
          counters[cb + C_SHORT]++;
        }
        if (SiteRules.touchesMaterial(cells, i, nx, ny, nz, dirs, inert)) {
          counters[cb + C_INERT_TOUCHED]++;
        }
      }
    }
    if (type == DISSOLVE) {
      int dn = SiteRules.dissolveClass(cells, flags, i, nx, ny, nz, dirs, product);
      if (dn != SiteRules.NONE && below(uAccept, params[P_DIS_THR + dn])) {
        SiteRules.applyDissolve(cells, i, fluid);
        accepted = 1;
        counters[cb + C_DISSOLVES]++;
      }
    }
    if (type == HOP) {
      if ((flags[cells[i] & Lattice.MATERIAL_MASK] & Material.MOBILE) != 0) {
        int move = (int) (((uExtra & 0xFFFFFFFFL) * params[P_MOVES]) >>> 32);
        int j = SiteRules.hopTarget(i, move, nx, ny, nz, dirs);
        int go = 0;
        if (SiteRules.hopAllowed(cells, flags, i, j, nx, ny, nz, dirs)) {
          int bonds = SiteRules.solidNeighbours(cells, flags, i, nx, ny, nz, dirs);
          if (below(uAccept, params[P_HOP_THR + bonds])) {
            go = 1;
          }
        }
        if (go != 0) {
          int r = SiteRules.applyHop(cells, flags, i, j, nx, ny, nz, dirs, product, fluid);
          accepted = 1;
          counters[cb + C_HOPS]++;
          if (r == SiteRules.HOP_PRODUCT && j / plane >= shortZ) {
            counters[cb + C_SHORT]++;
          }
          if (r != SiteRules.HOP_MOVED
              && SiteRules.touchesMaterial(cells, j, nx, ny, nz, dirs, inert)) {
            counters[cb + C_INERT_TOUCHED]++;
          }
        }
      }
    }
    if (type == CONVERT) {
      int run = SiteRules.convertClass(cells, flags, i, nx, ny, nz, dirs, product,
          params[P_LAYER_A], params[P_LAYER_B], maxRun);
      if (run != SiteRules.NONE && below(uAccept, params[P_CONV_THR + run])) {
        int d = SiteRules.conversionDirection(cells, flags, i, nx, ny, nz, dirs, product,
            params[P_LAYER_A], params[P_LAYER_B], maxRun);
        int layer = params[P_LAYER_B];
        if ((uExtra >>> 8) < params[P_LAYER_SHARE]) {
          layer = params[P_LAYER_A];
        }
        boolean fromCarrier = params[P_FROM_CARRIER] != 0;
        SiteRules.applyConvert(cells, flags, i, d, nx, ny, nz, layer, fromCarrier);
        accepted = 1;
        if (fromCarrier) {
          counters[cb + C_CONV_CARRIER]++;
        } else {
          counters[cb + C_CONV_SOLID]++;
        }
      }
    }
    if (type == HEAL) {
      int hm = SiteRules.healClass(cells, flags, i, nx, ny, nz, product);
      if (hm != SiteRules.NONE && below(uAccept, params[P_HEAL_THR + hm])) {
        byte t = cells[i];
        cells[i] = cells[i + plane];
        cells[i + plane] = t;
        accepted = 1;
        counters[cb + C_HEALS]++;
      }
    }
    return accepted;
  }
}
