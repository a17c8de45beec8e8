package org.liko.engine.parallel;

import org.liko.engine.Grid;
import org.liko.engine.Lattice;
import org.liko.engine.Material;
import org.liko.engine.rng.Philox;
import org.liko.engine.rules.Connectivity;
import org.liko.engine.rules.SiteRules;

/**
 * The passes of the {@code parallel} solver (DESIGN section 3) as static methods over primitive
 * arrays, so that the cpu and cpu-parallel engines and (later) an Aparapi kernel with an int
 * {@code pass} field run the same code. No floating point, no objects, no allocation: every rate
 * reaches this class as a 32-bit acceptance threshold built on the host.
 *
 * <h2>Event types</h2>
 * An attempt picks a site of its sector's active band uniformly and an event type by a fixed split
 * ({@link #P_SPLIT}: cumulative unsigned thresholds, so type T has probability
 * {@code R_T / R_max} where {@code R_T} is the largest per-site rate of type T): {@link #DEPOSIT}
 * (class {@link SiteRules#depositClass}), {@link #DISSOLVE} (class = bond count),
 * {@link #HOP} (a direction picked uniformly; class = bond count within the row of the material
 * below the atom, {@link #P_HOP_ROW}; the per-class threshold is for one direction, and for a
 * move that steps down an edge it is the row's step-down threshold when
 * {@link #P_HOP_DOWN_ON} is set), {@link #CONVERT} (class = layer run length) and {@link #HEAL} (class = the
 * healing layer above a pocket), {@link #WALK} (a carrier at the site hops; class = the number
 * of carriers there) and {@link #DROP} (a carrier falls down the site's column to the first
 * contact: ballistic deposition). The attempt is accepted iff a
 * fresh uint32 is below the class threshold ({@code floor(rate / R_T * 2^32)}).
 *
 * <h2>Active band</h2>
 * The count pass records, per sector, the lowest and highest plane holding a site with an event
 * class, widened by {@link #P_BAND} planes ({@link #C_BAND_LO}, {@link #C_BAND_HI}); the host
 * draws each sector's attempts for the band's sites only, and the sweep maps an attempt to a
 * site of the band. Sites outside it have no event at the count, so the per-site rates are
 * unchanged; a site that gains an event during a window beyond the margin waits for the next
 * window (a chain of more than {@code P_BAND} events in one window and place, of order
 * {@code eps^(P_BAND + 1)} per site and window). With carriers or drops, whose rates are not per
 * classified site, the band is every plane.
 *
 * <h2>Carriers</h2>
 * Explicit carriers (walkers) live in an int table beside the lattice, one count per site
 * (they do not exclude each other). A {@link #WALK} attempt at a site holding c carriers is
 * accepted with probability {@code min(c, M) / M} ({@link #P_WALK_MAX} = M, the largest
 * count the count pass saw), moves one carrier to the neighbour in a direction
 * drawn from {@link #P_WALK_DIR} when that neighbour is fluid (else it stays), then, above
 * {@link #P_RELAUNCH_Z}, takes it off the lattice for the host to relaunch ({@link #C_STRAYED}),
 * or, at a site where deposition is possible, reduces it with the class probability
 * {@link #P_WALK_REACT} (a second Philox block, stream {@link #STREAM_REACT}). Walker moves
 * are single hops, so a carrier never leaves its sector's margin. New and relaunched carriers
 * enter through {@link #PASS_LAUNCH}: the host lists their sites (drawn on the host), each
 * sector adds those in its own columns.
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
  /** Pass: add the carriers of the launch list to the sectors holding their columns. */
  public static final int PASS_LAUNCH = 2;
  /** Pass: dead-product flood fill, seeds (marks fixed conductors, clears other marks). */
  public static final int PASS_FILL_SEED = 3;
  /**
   * Pass: flood fill growth inside each sector until it stops ({@link #C_FILL_CHANGED} counts
   * the sites marked; the host repeats the pass until no sector marks any).
   */
  public static final int PASS_FILL_GROW = 4;
  /** Pass: labels after the fill ({@link Connectivity#label}); {@link #C_FILL_CHANGED} counts. */
  public static final int PASS_FILL_LABEL = 5;
  /** Pass: observables: material counts per sector and column heights. */
  public static final int PASS_OBSERVE = 6;

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
  /** Table slot: carriers per site (one int per site; a single 0 when there are none). */
  public static final int SLOT_CARRIERS = 6;
  /** Table slot: launch list: its length, then the site of each carrier to add. */
  public static final int SLOT_LAUNCH = 7;
  /** Table slot (output): material counts, {@link Lattice#MAX_MATERIALS} per sector. */
  public static final int SLOT_MATERIALS = 8;
  /**
   * Table slot (output): per column (plane index), the height in sites above {@link #P_BASE}
   * of its highest product in either form, 0 when it has none.
   */
  public static final int SLOT_TOPS = 9;
  /** Number of table slots. */
  public static final int SLOTS = 10;

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
  /** Event type: one carrier at the site hops (see Carriers above). */
  public static final int WALK = 5;
  /**
   * Event type: a carrier falls down the column of the site and sticks at the first contact:
   * on top of the column, or beside a taller lateral neighbour column unless
   * {@link #P_DROP_TOP_ONLY}. Always accepted.
   */
  public static final int DROP = 6;
  /** Number of event types. */
  public static final int TYPES = 7;

  /** Philox stream of the attempts. */
  public static final int STREAM_ATTEMPT = 0;
  /** Philox stream of the host's per-sector attempt counts. */
  public static final int STREAM_COUNT = 1;
  /** Philox stream of the reduction draw of a carrier that just moved (same index as its attempt). */
  public static final int STREAM_REACT = 2;
  /** Philox stream of the host's launch columns (index = launch number). */
  public static final int STREAM_LAUNCH = 3;
  /** Philox stream of the host's count of carriers injected in a window. */
  public static final int STREAM_INJECT = 4;

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
  /** Carrier count bound M of {@link #WALK} (0: no carrier moves). */
  public static final int P_WALK_MAX = P_SPLIT + TYPES;
  /** floor(2^32 / M): a site with c &lt; M carriers accepts a walk iff u &lt; c * unit. */
  public static final int P_WALK_UNIT = P_WALK_MAX + 1;
  /** Carriers that reach a z above this leave the lattice to be relaunched. */
  public static final int P_RELAUNCH_Z = P_WALK_UNIT + 1;
  /** 1 when a {@link #DROP} sticks only on top of its own column, else 0. */
  public static final int P_DROP_TOP_ONLY = P_RELAUNCH_Z + 1;
  /** 1 when the carriers table holds one count per site, else 0. */
  public static final int P_WALK_ON = P_DROP_TOP_ONLY + 1;
  /** First z of the deposit region (heights are counted from here). */
  public static final int P_BASE = P_WALK_ON + 1;
  /**
   * Active band margin in planes: the count pass bounds each sector's attempts to the planes
   * from the lowest to the highest site with an event class, widened by this margin; -1: every
   * plane (walkers and drops, whose rates are not per classified site).
   */
  public static final int P_BAND = P_BASE + 1;
  /**
   * Sector blocks along x ({@link SectorLayout#blocksX}); sector {@code s} is block
   * {@code (s mod bx, s / bx)}, so the sweep can name the sectors next to it.
   */
  public static final int P_BLOCKS_X = P_BAND + 1;
  /**
   * 1: the count pass classifies only the sectors marked {@link #C_DIRTY} (the others keep
   * their counts); 0: every sector (the host's choice after a lattice upload or a dead-product
   * fill, and the default).
   */
  public static final int P_KEEP_CLEAN = P_BLOCKS_X + 1;
  /**
   * Planes at the top of the box known to hold no site that is neither fluid nor inert: the
   * count pass walks each column down from {@code nz - 1 - skip}. 0 (default): from the top;
   * the host's bound is the highest {@link #C_ACTIVE_TOP} plus one plus the events accepted
   * since it was measured (without drops, and without inert materials that take deposits, an
   * event puts a site that is neither fluid nor inert at most one plane above such a site).
   */
  public static final int P_TOP_SKIP = P_KEEP_CLEAN + 1;
  /**
   * 1: a hop move that steps down an edge ({@link SiteRules#stepsDown}) is accepted with the
   * threshold of {@link #P_HOP_DOWN_THR} (a step-edge barrier); 0 (default): with that of
   * {@link #P_HOP_THR}, as every other move.
   */
  public static final int P_HOP_DOWN_ON = P_TOP_SKIP + 1;
  /**
   * Material ids in use: every site's material id is below this (the material table's size,
   * at most {@link Lattice#MAX_MATERIALS}), so histogram entries of larger ids (deposition and
   * healing classes are per material) are never counted and stay 0; the count pass clears only
   * the others ({@link #clearHist}). {@link #baseParams} sets {@link Lattice#MAX_MATERIALS}.
   */
  public static final int P_MATERIAL_IDS = P_HOP_DOWN_ON + 1;
  /**
   * Rows of hop thresholds: an atom hops with the thresholds of row
   * {@code params[P_HOP_ROW + m]}, m the material of the site below it (row 0 at the bottom
   * plane), so that its rate may depend on what it stands on.
   */
  public static final int HOP_ROWS = 4;
  /** Deposition thresholds by class ({@link SiteRules#DEPOSIT_CLASSES}). */
  public static final int P_DEP_THR = 40;
  /** Crack flags by deposition class: 1 when depositing in that class cracks the layer. */
  public static final int P_CRACK = P_DEP_THR + SiteRules.DEPOSIT_CLASSES;
  /** Dissolution thresholds by bond count (8). */
  public static final int P_DIS_THR = P_CRACK + SiteRules.DEPOSIT_CLASSES;
  /**
   * Hop thresholds per direction by row and bond count ({@link #HOP_ROWS} rows of 8: row r,
   * bond count n at {@code P_HOP_THR + 8 r + n}).
   */
  public static final int P_HOP_THR = P_DIS_THR + 8;
  /** Hop thresholds of moves that step down an edge, laid out as {@link #P_HOP_THR}. */
  public static final int P_HOP_DOWN_THR = P_HOP_THR + 8 * HOP_ROWS;
  /** Healing thresholds by layer material ({@link Lattice#MAX_MATERIALS}). */
  public static final int P_HEAL_THR = P_HOP_DOWN_THR + 8 * HOP_ROWS;
  /**
   * Cumulative carrier hop direction thresholds in {@link Grid} direction order (6; a move goes
   * in direction d iff u &lt; thr[d] and not below thr[d - 1]; the last used one is 2^32 - 1).
   */
  public static final int P_WALK_DIR = P_HEAL_THR + Lattice.MAX_MATERIALS;
  /** Reduction thresholds of a carrier by deposition class ({@link SiteRules#DEPOSIT_CLASSES}). */
  public static final int P_WALK_REACT = P_WALK_DIR + 6;
  /**
   * Hop row by the material below the hopping atom ({@link Lattice#MAX_MATERIALS}; each in
   * [0, {@link #HOP_ROWS}), default 0).
   */
  public static final int P_HOP_ROW = P_WALK_REACT + SiteRules.DEPOSIT_CLASSES;
  /** Conversion thresholds by run length (maxRun + 1). */
  public static final int P_CONV_THR = P_HOP_ROW + Lattice.MAX_MATERIALS;

  // histogram layout (per sector)
  /** Histogram: deposition classes. */
  public static final int H_DEP = 0;
  /** Histogram: dissolution bond counts (8). */
  public static final int H_DIS = SiteRules.DEPOSIT_CLASSES;
  /**
   * Histogram: hop-capable sites by hop row and bond count ({@link #HOP_ROWS} rows of 8, as
   * {@link #P_HOP_THR}).
   */
  public static final int H_HOP = H_DIS + 8;
  /** Histogram: healing classes by layer material ({@link Lattice#MAX_MATERIALS}). */
  public static final int H_HEAL = H_HOP + 8 * HOP_ROWS;
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
  /** Counter: carrier moves (accepted walk attempts, including blocked ones). */
  public static final int C_WALKS = 11;
  /** Counter: carriers reduced (product placed). */
  public static final int C_REDUCED = 12;
  /** Counter: carriers taken off above {@link #P_RELAUNCH_Z}, to be relaunched. */
  public static final int C_STRAYED = 13;
  /** Counter: drops placed. */
  public static final int C_DROPS = 14;
  /** Counter: drops that found their column full up to the short-circuit plane. */
  public static final int C_DROPS_FULL = 15;
  /** Counter (count pass): the largest carrier count of one site. */
  public static final int C_MAX_CARRIERS = 16;
  /**
   * Counter: highest z at or below {@link #P_SHORT_Z} of a non-fluid site (count pass, with
   * carriers on only), raised by the product placed during the sweep; -1 when there is none.
   */
  public static final int C_HIGHEST = 17;
  /** Counter: sites marked by a fill growth pass, or relabelled by a fill label pass. */
  public static final int C_FILL_CHANGED = 18;
  /** Counter (count pass): lowest plane of the sector's active band. */
  public static final int C_BAND_LO = 19;
  /**
   * Counter (count pass): highest plane of the sector's active band; below
   * {@link #C_BAND_LO} when no site of the sector has an event (no attempts).
   */
  public static final int C_BAND_HI = 20;
  /**
   * Counter: 1 when an event was accepted since the sector's last count that wrote a column
   * within {@code range} columns of the sector (in it, or in a sector next to it, laterally,
   * diagonals included), so its classes may have changed; set by the sweep pass (see
   * markDirtyNear), cleared by the count pass. A sector's classes depend on sites at most
   * {@code range} beyond it and an event writes at most {@code range} beyond its own sector,
   * and blocks are at least {@code 2 range} wide, so no other sector's events reach them.
   */
  public static final int C_DIRTY = 21;
  /**
   * Counter (count pass): highest z of a site that is neither fluid nor inert in the sector's
   * columns and their ring, at or below the walk's start ({@link #P_TOP_SKIP}), -1 when none;
   * kept by a count pass that skips the sector.
   */
  public static final int C_ACTIVE_TOP = 22;
  /** Counters per sector. */
  public static final int COUNTERS = 23;

  private SectorKernel() {}

  /**
   * The table slots pass {@code pass} reads or writes (every pass needs the parameters, flags,
   * sectors, counters and carriers), so that device engines check them the same way.
   *
   * @param pass a pass number, {@link #PASS_COUNT} .. {@link #PASS_OBSERVE}
   * @return the slots
   */
  public static int[] slotsOf(int pass) {
    int[] common = {SLOT_PARAMS, SLOT_FLAGS, SLOT_SECTORS, SLOT_COUNTERS, SLOT_CARRIERS};
    int extra = -1;
    int extra2 = -1;
    if (pass == PASS_COUNT) {
      extra = SLOT_HIST;
    } else if (pass == PASS_LAUNCH) {
      extra = SLOT_LAUNCH;
    } else if (pass == PASS_SWEEP) {
      extra = SLOT_ATTEMPTS;
    } else if (pass == PASS_OBSERVE) {
      extra = SLOT_MATERIALS;
      extra2 = SLOT_TOPS;
    }
    int n = common.length + (extra >= 0 ? 1 : 0) + (extra2 >= 0 ? 1 : 0);
    int[] slots = java.util.Arrays.copyOf(common, n);
    if (extra >= 0) {
      slots[common.length] = extra;
    }
    if (extra2 >= 0) {
      slots[n - 1] = extra2;
    }
    return slots;
  }

  /**
   * True for the tables that passes write (counters, histograms, carriers, material counts,
   * column heights): the only ones a device engine copies back.
   */
  public static boolean isOutput(int slot) {
    return slot == SLOT_COUNTERS || slot == SLOT_HIST || slot == SLOT_CARRIERS
        || slot == SLOT_MATERIALS || slot == SLOT_TOPS;
  }

  /**
   * A parameter table for a longest layer run of {@code maxRun} with its lattice and layout slots
   * filled: sizes, directions, the product, inert and fluid material ids, the longest run, the
   * sector count and blocks, and the top plane as the short-circuit plane. Callers set the rest.
   */
  public static int[] baseParams(Grid g, SectorLayout layout, int maxRun, int product,
      int inert, int fluid) {
    int[] p = new int[paramsSize(maxRun)];
    p[P_NX] = g.nx;
    p[P_NY] = g.ny;
    p[P_NZ] = g.nz;
    p[P_DIRS] = g.directions;
    p[P_PRODUCT] = product;
    p[P_INERT] = inert;
    p[P_FLUID] = fluid;
    p[P_MAX_RUN] = maxRun;
    p[P_SHORT_Z] = g.nz - 1;
    p[P_SECTORS] = layout.sectors;
    p[P_BLOCKS_X] = layout.blocksX;
    p[P_MATERIAL_IDS] = Lattice.MAX_MATERIALS;
    return p;
  }

  /** Size of the parameter table for a longest layer run of maxRun. */
  public static int paramsSize(int maxRun) {
    return P_CONV_THR + maxRun + 1;
  }

  /** Histogram ints per sector for a longest layer run of maxRun. */
  public static int histSize(int maxRun) {
    return H_CONV + maxRun + 1;
  }

  /**
   * Hop row ({@link #P_HOP_ROW}) of an atom at site i in plane z: that of the material below
   * it, 0 in the bottom plane.
   */
  public static int hopRow(byte[] cells, int[] params, int i, int z, int plane) {
    int row = 0;
    if (z > 0) {
      row = params[P_HOP_ROW + (cells[i - plane] & Lattice.MATERIAL_MASK)];
    }
    return row;
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

  /** Sites of a sector over nz planes (nz = 1: its columns). */
  private static int sectorSites(int[] sectors, int sector, int nz) {
    int sb = sector * SECTOR_INTS;
    return (sectors[sb + 1] - sectors[sb]) * (sectors[sb + 3] - sectors[sb + 2]) * nz;
  }

  /** Site index of local index l of a sector ({@link #siteOf} with the sector's bounds). */
  private static int sectorSite(int[] sectors, int sector, int l, int[] params) {
    int sb = sector * SECTOR_INTS;
    int x0 = sectors[sb];
    int y0 = sectors[sb + 2];
    return siteOf(l, x0, sectors[sb + 1] - x0, y0, sectors[sb + 3] - y0, params[P_NX],
        params[P_NY]);
  }

  /**
   * Count pass for one sector: zeroes its counters and histogram slice, then counts every site
   * of the sector by deposition class (only where deposition is possible, layers only where the
   * column can be lifted), dissolution bond count, hop bond count (mobile sites with an allowed
   * target) and conversion run length; with carriers on, also the largest carrier count of a
   * site and the highest non-fluid z at or below the short-circuit plane; and the active band
   * ({@link #C_BAND_LO}, {@link #C_BAND_HI}). Reads the lattice only.
   *
   * <p>Incremental: with {@link #P_KEEP_CLEAN} set and carriers off, a sector that is not
   * {@link #C_DIRTY} keeps its histogram slice, band and {@link #C_ACTIVE_TOP} (its sites and
   * every site its classes read are unchanged since its last count, so a recount would give the
   * same numbers) and only has its other counters zeroed. Columns are walked down from
   * {@link #P_TOP_SKIP} planes below the top of the box.
   */
  public static void countSector(byte[] cells, int[] carriers, int[] flags, int[] params,
      int[] sectors, int[] hist, int[] counters, int sector) {
    int cb = sector * COUNTERS;
    int keep = 0;
    if (params[P_KEEP_CLEAN] != 0 && params[P_WALK_ON] == 0 && counters[cb + C_DIRTY] == 0) {
      keep = 1;
    }
    int keptLo = counters[cb + C_BAND_LO];
    int keptHi = counters[cb + C_BAND_HI];
    int keptTop = counters[cb + C_ACTIVE_TOP];
    for (int k = 0; k < COUNTERS; k++) {
      counters[cb + k] = 0;
    }
    if (keep != 0) {
      counters[cb + C_BAND_LO] = keptLo;
      counters[cb + C_BAND_HI] = keptHi;
      counters[cb + C_ACTIVE_TOP] = keptTop;
    } else {
      countClasses(cells, carriers, flags, params, sectors, hist, counters, sector);
    }
  }

  /** The classifying part of {@link #countSector} (its counters slice already zeroed). */
  private static void countClasses(byte[] cells, int[] carriers, int[] flags, int[] params,
      int[] sectors, int[] hist, int[] counters, int sector) {
    int nx = params[P_NX];
    int ny = params[P_NY];
    int nz = params[P_NZ];
    int dirs = params[P_DIRS];
    int product = params[P_PRODUCT];
    int maxRun = params[P_MAX_RUN];
    int hs = histSize(maxRun);
    int hb = sector * hs;
    clearHist(hist, hb, hs, params[P_MATERIAL_IDS]);
    int sb = sector * SECTOR_INTS;
    int x0 = sectors[sb];
    int w = sectors[sb + 1] - x0;
    int y0 = sectors[sb + 2];
    int h = sectors[sb + 3] - y0;
    boolean hopOn = params[P_HOP_ON] != 0;
    boolean convOn = params[P_CONVERT_ON] != 0;
    boolean healOn = params[P_HEAL_ON] != 0;
    boolean walkOn = params[P_WALK_ON] != 0;
    int shortZ = params[P_SHORT_Z];
    int plane = nx * ny;
    int maxCarriers = 0;
    int highest = -1;
    // Above the highest site that is neither fluid nor inert in the sector and its ring of
    // neighbour columns, plus one, every site is fluid with only fluid or inert face
    // neighbours: no class applies there, so the class loop stops at that plane.
    int top = -1;
    int bound = nz - 1 - Math.max(0, params[P_TOP_SKIP]);
    int yLo = ny > 1 ? y0 - 1 : y0;
    int yHi = ny > 1 ? y0 + h : y0;
    for (int yy = yLo; yy <= yHi; yy++) {
      for (int xx = x0 - 1; xx <= x0 + w; xx++) {
        int col = wrap(yy, ny) * nx + wrap(xx, nx);
        int zs = columnTop(cells, flags, col, plane, bound);
        if (zs >= 0) {
          top = Math.max(top, columnTopActive(cells, flags, col, plane, zs));
        }
        int inSector = 0;
        if (walkOn && xx >= x0 && xx < x0 + w && yy >= y0 && yy < y0 + h) {
          inSector = 1; // the highest solid is needed by carriers only (launch plane)
        }
        if (inSector != 0) {
          highest = Math.max(highest, columnTop(cells, flags, col, plane, shortZ));
        }
      }
    }
    int planes = Math.min(nz, top + 2);
    if (walkOn) {
      int all = w * h * nz;
      for (int l = 0; l < all; l++) {
        maxCarriers = Math.max(maxCarriers, carriers[siteOf(l, x0, w, y0, h, nx, ny)]);
      }
    }
    int activeLo = nz;
    int activeHi = -1;
    // x fastest, then y, then z, as siteOf; coordinates by loops, not divisions
    for (int z = 0; z < planes; z++) {
      for (int ly = 0; ly < h; ly++) {
        int row = (z * ny + y0 + ly) * nx + x0;
        for (int lx = 0; lx < w; lx++) {
          int i = row + lx;
          int m = cells[i] & Lattice.MATERIAL_MASK;
          int f = flags[m];
          int active = 0;
          // product with no dissolution class has no fluid face neighbour (SiteRules
          // .dissolveClass), so no face move can hop (the target must be fluid): without
          // diagonal moves its hop check is skipped, the same answer
          int sealed = 0;
          if (m == product) {
            int dn = SiteRules.dissolveClassAt(cells, flags, i, x0 + lx, y0 + ly, z, nx, ny,
                nz, dirs, product);
            if (dn != SiteRules.NONE) {
              hist[hb + H_DIS + dn]++;
              active = 1;
            } else {
              sealed = 1;
            }
            if (convOn) {
              int run = SiteRules.convertClass(cells, flags, i, nx, ny, nz, dirs, product,
                  params[P_LAYER_A], params[P_LAYER_B], maxRun);
              if (run != SiteRules.NONE) {
                hist[hb + H_CONV + run]++;
                active = 1;
              }
            }
          } else {
            int cls = SiteRules.depositClassAt(cells, flags, i, x0 + lx, y0 + ly, z, nx, ny,
                nz, dirs, product);
            if (cls != SiteRules.NONE && (SiteRules.depositKind(cls) != SiteRules.UNDER_LAYER
                || SiteRules.canLift(cells, flags, i, nx, ny, nz))) {
              hist[hb + H_DEP + cls]++;
              active = 1;
            }
            if (healOn) {
              int hm = SiteRules.healClass(cells, flags, i, nx, ny, nz, product);
              if (hm != SiteRules.NONE) {
                hist[hb + H_HEAL + hm]++;
                active = 1;
              }
            }
          }
          int tryHop = 0;
          if (hopOn && (f & Material.MOBILE) != 0) {
            tryHop = 1;
          }
          if (sealed != 0 && params[P_MOVES] <= dirs) {
            tryHop = 0;
          }
          if (tryHop != 0 && SiteRules.canHopAt(cells, flags, i, x0 + lx, y0 + ly, z, nx, ny,
              nz, dirs, params[P_MOVES]) != 0) {
            hist[hb + H_HOP + 8 * hopRow(cells, params, i, z, plane)
                + SiteRules.solidNeighboursAt(cells, flags, i, x0 + lx, y0 + ly, z, nx, ny, nz,
                dirs)]++;
            active = 1;
          }
          if (active != 0) {
            activeLo = Math.min(activeLo, z);
            activeHi = Math.max(activeHi, z);
          }
        }
      }
    }
    counters[sector * COUNTERS + C_MAX_CARRIERS] = maxCarriers;
    counters[sector * COUNTERS + C_HIGHEST] = highest;
    int margin = params[P_BAND];
    int bandLo = 0;
    int bandHi = nz - 1;
    if (margin >= 0) {
      bandLo = Math.max(0, activeLo - margin);
      bandHi = Math.min(nz - 1, activeHi + margin);
      if (activeHi < 0) {
        bandLo = 0;
        bandHi = -1; // no site with an event: no attempts
      }
    }
    counters[sector * COUNTERS + C_BAND_LO] = bandLo;
    counters[sector * COUNTERS + C_BAND_HI] = bandHi;
    counters[sector * COUNTERS + C_ACTIVE_TOP] = top;
  }

  /**
   * Zeroes the histogram slice at {@code hb} ({@code hs} ints) except the entries of material
   * ids at or above {@code ids} ({@link #P_MATERIAL_IDS}; out of 1 .. MAX_MATERIALS: all), which
   * no count reaches and which stay 0.
   */
  public static void clearHist(int[] hist, int hb, int hs, int ids) {
    int used = ids;
    if (used < 1 || used > Lattice.MAX_MATERIALS) {
      used = Lattice.MAX_MATERIALS;
    }
    // deposition classes: kind * MAX_MATERIALS + material
    for (int b = 0; b < H_DIS; b += Lattice.MAX_MATERIALS) {
      for (int m = 0; m < used; m++) {
        hist[hb + b + m] = 0;
      }
    }
    for (int k = H_DIS; k < H_HEAL; k++) {
      hist[hb + k] = 0;
    }
    for (int m = 0; m < used; m++) {
      hist[hb + H_HEAL + m] = 0;
    }
    for (int k = H_CONV; k < hs; k++) {
      hist[hb + k] = 0;
    }
  }

  /**
   * Host: adds {@code sign} times the histogram slice at {@code hb} to {@code sum}, skipping the
   * entries that {@link #clearHist} leaves at 0 for {@code ids} material ids.
   */
  public static void addHist(long[] sum, int[] hist, int hb, int hs, int ids, int sign) {
    int used = ids < 1 || ids > Lattice.MAX_MATERIALS ? Lattice.MAX_MATERIALS : ids;
    for (int b = 0; b < H_DIS; b += Lattice.MAX_MATERIALS) {
      for (int m = 0; m < used; m++) {
        sum[b + m] += sign * hist[hb + b + m];
      }
    }
    for (int k = H_DIS; k < H_HEAL; k++) {
      sum[k] += sign * hist[hb + k];
    }
    for (int m = 0; m < used; m++) {
      sum[H_HEAL + m] += sign * hist[hb + H_HEAL + m];
    }
    for (int k = H_CONV; k < hs; k++) {
      sum[k] += sign * hist[hb + k];
    }
  }

  /** Fill seed pass for one sector ({@link Connectivity#seed} on each site). */
  public static void fillSeedSector(byte[] cells, int[] flags, int[] params, int[] sectors,
      int sector) {
    int n = sectorSites(sectors, sector, params[P_NZ]);
    for (int l = 0; l < n; l++) {
      Connectivity.seed(cells, flags, sectorSite(sectors, sector, l, params));
    }
  }

  /**
   * Fill growth pass for one sector: forward and backward scans of {@link Connectivity#grow}
   * until a pair of scans marks nothing; the sites marked go to {@link #C_FILL_CHANGED}. Marks
   * only ever get set, each site by its own sector, so concurrent sectors reading each other's
   * marks reach the same fixed point (the sites connected to a seed) in any order.
   */
  public static void fillGrowSector(byte[] cells, int[] flags, int[] params, int[] sectors,
      int[] counters, int sector) {
    int nx = params[P_NX];
    int ny = params[P_NY];
    int nz = params[P_NZ];
    int dirs = params[P_DIRS];
    int product = params[P_PRODUCT];
    int inert = params[P_INERT];
    int n = sectorSites(sectors, sector, nz);
    int total = 0;
    int marked = 1;
    while (marked > 0) {
      marked = 0;
      for (int l = 0; l < n; l++) {
        marked += Connectivity.grow(cells, flags, sectorSite(sectors, sector, l, params), nx, ny,
            nz, dirs, product, inert);
      }
      for (int l = n - 1; l >= 0; l--) {
        marked += Connectivity.grow(cells, flags, sectorSite(sectors, sector, l, params), nx, ny,
            nz, dirs, product, inert);
      }
      total += marked;
    }
    counters[sector * COUNTERS + C_FILL_CHANGED] = total;
  }

  /** Fill label pass for one sector ({@link Connectivity#label} on each site). */
  public static void fillLabelSector(byte[] cells, int[] params, int[] sectors, int[] counters,
      int sector) {
    int product = params[P_PRODUCT];
    int inert = params[P_INERT];
    int n = sectorSites(sectors, sector, params[P_NZ]);
    int changed = 0;
    for (int l = 0; l < n; l++) {
      changed += Connectivity.label(cells, sectorSite(sectors, sector, l, params), product,
          inert);
    }
    counters[sector * COUNTERS + C_FILL_CHANGED] = changed;
  }

  /**
   * Observe pass for one sector: its material counts into its {@link #SLOT_MATERIALS} slice
   * and, for each of its columns, the height above {@link #P_BASE} of the highest product in
   * either form into {@code tops}. Reads the lattice only.
   */
  public static void observeSector(byte[] cells, int[] params, int[] sectors, int[] materials,
      int[] tops, int sector) {
    int nx = params[P_NX];
    int ny = params[P_NY];
    int nz = params[P_NZ];
    int product = params[P_PRODUCT];
    int inert = params[P_INERT];
    int base = params[P_BASE];
    int plane = nx * ny;
    int mb = sector * Lattice.MAX_MATERIALS;
    for (int m = 0; m < Lattice.MAX_MATERIALS; m++) {
      materials[mb + m] = 0;
    }
    int n = sectorSites(sectors, sector, nz);
    for (int l = 0; l < n; l++) {
      materials[mb + (cells[sectorSite(sectors, sector, l, params)] & Lattice.MATERIAL_MASK)]++;
    }
    int columns = sectorSites(sectors, sector, 1);
    for (int l = 0; l < columns; l++) {
      int col = sectorSite(sectors, sector, l, params);
      int top = 0;
      for (int z = base; z < nz; z++) {
        int m = cells[z * plane + col] & Lattice.MATERIAL_MASK;
        if (m == product || m == inert) {
          top = z - base + 1;
        }
      }
      tops[col] = top;
    }
  }

  /**
   * Launch pass for one sector: adds one carrier at each site of the launch list
   * ({@code launch[0]} entries from {@code launch[1]}) whose column lies in the sector. Sectors
   * own disjoint columns, so all sectors run at once.
   */
  public static void launchSector(int[] carriers, int[] params, int[] sectors, int[] launch,
      int sector) {
    int nx = params[P_NX];
    int plane = nx * params[P_NY];
    int sb = sector * SECTOR_INTS;
    int count = launch[0];
    for (int k = 1; k <= count; k++) {
      int site = launch[k];
      int col = site % plane;
      int x = col % nx;
      int y = col / nx;
      if (x >= sectors[sb] && x < sectors[sb + 1] && y >= sectors[sb + 2]
          && y < sectors[sb + 3]) {
        carriers[site]++;
      }
    }
  }

  /**
   * Highest z at or below {@code top} of a non-fluid site in the column of plane index
   * {@code col}, or -1 when the column is fluid down to z = 0.
   */
  public static int columnTop(byte[] cells, int[] flags, int col, int plane, int top) {
    int z = top;
    int k = top * plane + col;
    while (z >= 0 && (flags[cells[k] & Lattice.MATERIAL_MASK] & Material.FLUID) != 0) {
      z--;
      k -= plane;
    }
    return z;
  }

  /** Index k wrapped into [0, n) for k in [-n, 2n). */
  private static int wrap(int k, int n) {
    int r = k;
    if (r < 0) {
      r += n;
    }
    if (r >= n) {
      r -= n;
    }
    return r;
  }

  /**
   * Highest z at or below {@code top} of a site in the column of plane index {@code col} that
   * is neither fluid nor inert (a wall), or -1.
   */
  private static int columnTopActive(byte[] cells, int[] flags, int col, int plane, int top) {
    int z = top;
    int k = top * plane + col;
    while (z >= 0
        && (flags[cells[k] & Lattice.MATERIAL_MASK] & (Material.FLUID | Material.INERT)) != 0) {
      z--;
      k -= plane;
    }
    return z;
  }

  /**
   * Landing z of a carrier dropped down column {@code col} ({@link #DROP}): one above the
   * column's top, or level with the top of a taller lateral neighbour column (it sticks to that
   * column's side) unless {@code topOnly}. Above {@code top} means the column is full.
   */
  public static int dropZ(byte[] cells, int[] flags, int col, int nx, int ny, int nz,
      int dirs, int top, boolean topOnly) {
    int plane = nx * ny;
    int z = columnTop(cells, flags, col, plane, top) + 1;
    if (!topOnly) {
      for (int d = 0; d < dirs; d++) {
        if (d < 2 || d > 3) {
          z = Math.max(z, columnTop(cells, flags, Grid.neighbour(col, d, nx, ny, nz), plane,
              top));
        }
      }
    }
    return z;
  }

  /** Unsigned walk threshold of a site with c carriers: c / M of 2^32, all when c >= M. */
  private static int walkThreshold(int c, int[] params) {
    int thr = -1;
    if (c < params[P_WALK_MAX]) {
      thr = c * params[P_WALK_UNIT];
    }
    return thr;
  }

  /**
   * Sweep pass for one sector of the current colour: {@code attempts[sector]} attempts, each
   * accepted iff its uint32 draw is below the class threshold. Counters accumulate into the
   * sector's slice. {@code scratch} holds 4 ints per sector (the Philox block).
   */
  public static void sweepSector(byte[] cells, int[] carriers, int[] flags, int[] params,
      int[] sectors, int[] attempts, int[] counters, int[] scratch, int sector, int colour,
      long sweep) {
    sweepSectorAt(cells, carriers, flags, params, sectors, attempts, counters, scratch, sector,
        colour, (int) sweep, (int) (sweep >>> 32));
  }

  /**
   * {@link #sweepSector} with the sweep number as its two Philox counter words (low, high):
   * the entry point of device kernels (Aparapi 3.0.2 mistranslates a {@code long} parameter of
   * a called method, and fails to fold a loop with this many branches, hence
   * {@link #attempt}).
   */
  public static void sweepSectorAt(byte[] cells, int[] carriers, int[] flags, int[] params,
      int[] sectors, int[] attempts, int[] counters, int[] scratch, int sector, int colour,
      int sweepLo, int sweepHi) {
    int cb = sector * COUNTERS;
    int tries = attempts[sector];
    int bandLo = counters[cb + C_BAND_LO];
    int planes = counters[cb + C_BAND_HI] - bandLo + 1;
    int sb = sector * SECTOR_INTS;
    int w = sectors[sb + 1] - sectors[sb];
    int h = sectors[sb + 3] - sectors[sb + 2];
    // the attempts decode their site by multiplications (divideMagic), made once per pass here
    int mw = 0;
    int mh = 0;
    int sw = 0;
    int sh = 0;
    if (tries > 0 && (long) w * h * planes < DIVIDE_LIMIT) {
      sw = divideShift(w);
      mw = magicFor(w, sw);
      sh = divideShift(h);
      mh = magicFor(h, sh);
    }
    int accepted = 0;
    for (int a = 0; a < tries; a++) {
      accepted += attempt(cells, carriers, flags, params, sectors, counters, scratch, sector,
          colour, sweepLo, sweepHi, a, bandLo, planes, mw, sw, mh, sh);
    }
    counters[cb + C_ATTEMPTS] += tries;
    counters[cb + C_ACCEPTED] += accepted;
  }

  /**
   * Numerators below this (2^30) are divided by {@link #divide}; a pass over a sector with more
   * band sites divides by the hardware.
   */
  public static final long DIVIDE_LIMIT = 1L << 30;

  /**
   * Shift s of division by d (1 &lt;= d &lt; 2^30) by multiplication: 30 + ceil(log2 d)
   * (Granlund and Montgomery, PLDI 1994, theorem 4.2, for 30-bit numerators).
   */
  public static int divideShift(int d) {
    int bits = 0;
    // a for loop over a fixed count (Aparapi 3.0.2 keeps no while loop with this body)
    for (int b = 0; b < 31; b++) {
      if ((1L << bits) < d) {
        bits++;
      }
    }
    return 30 + bits;
  }

  /**
   * Magic multiplier of division by d: ceil(2^s / d) with s = {@link #divideShift}, at most
   * 2^31 + 1, returned as the bit pattern of an unsigned 32-bit int.
   */
  public static int divideMagic(int d) {
    return magicFor(d, divideShift(d));
  }

  /** {@link #divideMagic} of d from its shift s = {@link #divideShift}(d), computed once. */
  private static int magicFor(int d, int s) {
    return (int) (((1L << s) + d - 1) / d);
  }

  /**
   * floor(l / d) for 0 &lt;= l &lt; 2^30 from d's magic multiplier and shift: exact (the
   * product is below 2^62), no division.
   */
  public static int divide(int l, int magic, int shift) {
    return (int) ((l * (magic & 0xFFFFFFFFL)) >>> shift);
  }

  /**
   * Marks {@link #C_DIRTY} the sectors whose classes an accepted event of {@code sector} may have
   * changed: the sector itself and each sector next to it (periodic, diagonals included) that
   * lies within {@code range} columns of a column the event wrote ({@code range} = 2, or the
   * longest layer run + 1 with conversion on: how far a site's classes read laterally). The
   * event wrote the column at local offset ({@code lx}, {@code ly}) from the sector's corner
   * and, for a hop, the column ({@code ex}, {@code ey}) further on; {@code wide} != 0 (a
   * conversion, whose write runs along a layer, or a carrier move) marks all eight neighbours.
   * Blocks are at least {@code 2 range} wide, so no sector further away is within reach. Sectors
   * of one colour running at once may mark the same neighbour: they all write 1.
   */
  private static void markDirtyNear(int[] params, int[] counters, int sector, int lx, int ly,
      int ex, int ey, int wide, int w, int h) {
    int range = 2;
    if (params[P_CONVERT_ON] != 0 && params[P_MAX_RUN] + 1 > range) {
      range = params[P_MAX_RUN] + 1;
    }
    int xLo = Math.min(lx, lx + ex);
    int xHi = Math.max(lx, lx + ex);
    int yLo = Math.min(ly, ly + ey);
    int yHi = Math.max(ly, ly + ey);
    int left = 0;
    int right = 0;
    int down = 0;
    int up = 0;
    // the block before ends one column before the corner: a written column at local x is x + 1
    // columns from it; the block after starts at local w
    if (wide != 0 || xLo < range) {
      left = 1;
    }
    if (wide != 0 || xHi >= w - range) {
      right = 1;
    }
    if (wide != 0 || yLo < range) {
      down = 1;
    }
    if (wide != 0 || yHi >= h - range) {
      up = 1;
    }
    int bx = params[P_BLOCKS_X];
    int by = params[P_SECTORS] / bx;
    int k = sector % bx;
    int j = sector / bx;
    int dyLo = -1;
    int dyHi = 1;
    if (by == 1) {
      dyLo = 0;
      dyHi = 0;
    }
    for (int dy = dyLo; dy <= dyHi; dy++) {
      for (int dx = -1; dx <= 1; dx++) {
        int near = 1;
        if (dx < 0 && left == 0) {
          near = 0;
        }
        if (dx > 0 && right == 0) {
          near = 0;
        }
        if (dy < 0 && down == 0) {
          near = 0;
        }
        if (dy > 0 && up == 0) {
          near = 0;
        }
        if (near != 0) {
          int s = wrap(j + dy, by) * bx + wrap(k + dx, bx);
          counters[s * COUNTERS + C_DIRTY] = 1;
        }
      }
    }
  }

  /**
   * Attempt {@code a} of a sector's sweep pass on a site drawn uniformly from the sector's
   * planes {@code bandLo .. bandLo + planes - 1}; returns 1 when accepted, else 0.
   */
  private static int attempt(byte[] cells, int[] carriers, int[] flags, int[] params,
      int[] sectors, int[] counters, int[] scratch, int sector, int colour, int c2, int c3,
      int a, int bandLo, int planes, int mw, int sw, int mh, int sh) {
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
    long n = (long) w * h * planes;
    int cb = sector * COUNTERS;
    int rb = sector * 4;
    long index = (long) a * params[P_SECTORS] + sector;
    Philox.philox4((int) index, Philox.counter1(index, colour, STREAM_ATTEMPT), c2, c3,
        params[P_KEY0], params[P_KEY1], scratch, rb);
    int l = (int) (((scratch[rb] & 0xFFFFFFFFL) * n) >>> 32);
    // siteOf(l) + bandLo * plane, keeping the coordinates: l / w and q / h by multiplication
    // when the pass made the magic numbers (sw > 0), else by division; the same integers
    int q = 0;
    int q2 = 0;
    if (sw > 0) {
      q = divide(l, mw, sw);
      q2 = divide(q, mh, sh);
    } else {
      q = l / w;
      q2 = q / h;
    }
    int sx = x0 + l - q * w;
    int sy = y0 + q - q2 * h;
    int sz = q2 + bandLo;
    int i = (sz * ny + sy) * nx + sx;
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
    int ex = 0; // lateral offset of a hop's target column (markDirtyNear)
    int ey = 0;
    int wide = 0;
    // Aparapi 3.0.2 folds neither continue statements, else-if chains nor mixed && / ||
    // conditions here ("child list broken"): plain ifs on an int flag
    if (type == DEPOSIT) {
      int cls = SiteRules.depositClassAt(cells, flags, i, sx, sy, sz, nx, ny, nz, dirs,
          product);
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
      int dn = SiteRules.dissolveClassAt(cells, flags, i, sx, sy, sz, nx, ny, nz, dirs,
          product);
      if (dn != SiteRules.NONE && below(uAccept, params[P_DIS_THR + dn])) {
        SiteRules.applyDissolve(cells, i, fluid);
        accepted = 1;
        counters[cb + C_DISSOLVES]++;
      }
    }
    if (type == HOP) {
      if ((flags[cells[i] & Lattice.MATERIAL_MASK] & Material.MOBILE) != 0) {
        int move = (int) (((uExtra & 0xFFFFFFFFL) * params[P_MOVES]) >>> 32);
        int jx = SiteRules.wrapStep(sx, SiteRules.moveDx(move, dirs), nx);
        int jy = SiteRules.wrapStep(sy, SiteRules.moveDy(move, dirs), ny);
        int jz = sz + SiteRules.moveDz(move, dirs);
        int j = -1;
        if (jz >= 0 && jz < nz) {
          j = (jz * ny + jy) * nx + jx;
        }
        int go = 0;
        if (SiteRules.hopMoveAllowedAt(cells, flags, i, j, move, jx, jy, jz, nx, ny, nz,
            dirs)) {
          int bonds = SiteRules.solidNeighboursAt(cells, flags, i, sx, sy, sz, nx, ny, nz,
              dirs);
          int thr = P_HOP_THR + 8 * hopRow(cells, params, i, sz, plane) + bonds;
          if (params[P_HOP_DOWN_ON] != 0) {
            if (SiteRules.stepsDown(move, dirs)) {
              thr += P_HOP_DOWN_THR - P_HOP_THR;
            }
          }
          if (below(uAccept, params[thr])) {
            go = 1;
          }
        }
        if (go != 0) {
          int r = SiteRules.applyHop(cells, flags, i, j, nx, ny, nz, dirs, product, fluid);
          accepted = 1;
          ex = SiteRules.moveDx(move, dirs);
          ey = SiteRules.moveDy(move, dirs);
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
        wide = 1;
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
    if (type == WALK) {
      int c = carriers[i];
      if (c > 0 && below(uAccept, walkThreshold(c, params))) {
        accepted = 1;
        wide = 1;
        counters[cb + C_WALKS]++;
        int d = dirs - 1;
        for (int k = dirs - 2; k >= 0; k--) {
          if (below(uExtra, params[P_WALK_DIR + k])) {
            d = k;
          }
        }
        int j = Grid.neighbour(i, d, nx, ny, nz);
        int s = i;
        if (j >= 0 && (flags[cells[j] & Lattice.MATERIAL_MASK] & Material.FLUID) != 0) {
          s = j;
          carriers[i]--;
          carriers[j]++;
        }
        int z = s / plane;
        if (z > params[P_RELAUNCH_Z]) {
          carriers[s]--;
          counters[cb + C_STRAYED]++;
        } else {
          int cls = SiteRules.depositClass(cells, flags, s, nx, ny, nz, dirs, product);
          if (cls != SiteRules.NONE && SiteRules.depositKind(cls) != SiteRules.UNDER_LAYER) {
            Philox.philox4((int) index, Philox.counter1(index, colour, STREAM_REACT), c2, c3,
                params[P_KEY0], params[P_KEY1], scratch, rb);
            if (below(scratch[rb], params[P_WALK_REACT + cls])) {
              carriers[s]--;
              place(cells, s, product, counters, cb, nx, ny, nz, dirs, shortZ, inert);
              counters[cb + C_REDUCED]++;
            }
          }
        }
      }
    }
    if (type == DROP) {
      int col = i % plane;
      int z = dropZ(cells, flags, col, nx, ny, nz, dirs, shortZ, params[P_DROP_TOP_ONLY] != 0);
      accepted = 1;
      if (z > shortZ) {
        counters[cb + C_DROPS_FULL]++;
        counters[cb + C_SHORT]++;
      } else {
        place(cells, z * plane + col, product, counters, cb, nx, ny, nz, dirs, shortZ, inert);
        counters[cb + C_DROPS]++;
      }
    }
    // other events write only the column of i
    if (accepted != 0 && params[P_BLOCKS_X] > 0) {
      markDirtyNear(params, counters, sector, sx - x0, sy - y0, ex, ey, wide, w, h);
    }
    return accepted;
  }

  /**
   * Puts the product at fluid site s for a carrier: counts a short circuit at or above
   * shortZ and a touch of inert product (a flood fill is due), and raises the sector's
   * highest solid.
   */
  private static void place(byte[] cells, int s, int product, int[] counters, int cb, int nx,
      int ny, int nz, int dirs, int shortZ, int inert) {
    cells[s] = (byte) product;
    int z = s / (nx * ny);
    if (z >= shortZ) {
      counters[cb + C_SHORT]++;
    }
    if (SiteRules.touchesMaterial(cells, s, nx, ny, nz, dirs, inert)) {
      counters[cb + C_INERT_TOUCHED]++;
    }
    counters[cb + C_HIGHEST] = Math.max(counters[cb + C_HIGHEST], z);
  }
}
