/*
 * The per-site rules and per-sector passes of liko's parallel (sector) solver, for CUDA device
 * code (__host__ __device__) and for host C++ (g++): the twin of the Java classes
 *   org.liko.engine.Grid (neighbour), org.liko.engine.rules.SiteRules (classes and apply parts),
 *   org.liko.engine.rules.Connectivity (seed, grow, label) and
 *   org.liko.engine.parallel.SectorKernel (count, sweep, launch, fill, observe passes),
 * written line for line after them so that a site, a random word and a threshold give the same
 * result on every backend. The table layouts, slots and counters are SectorKernel's; the host
 * build of this file (CudaHostKernelTest) checks the constants against the Java ones and runs
 * the solver bit for bit against cpu-parallel, so a rule changed on one side only fails there.
 *
 * C/C++ rules kept here: no signed overflow (unsigned products where Java relies on wrapping),
 * no allocation, no recursion; a sector is one thread.
 */
#ifndef LIKO_SECTOR_RULES_H
#define LIKO_SECTOR_RULES_H

#include <stdint.h>
#include "philox.h"

/* ------------------------------------------------------------------ constants (Java twins) */
/* org.liko.engine.Lattice */
#define LK_MATERIAL_MASK 0x3F
#define LK_CARRIER_BIT 0x40
#define LK_MARK_BIT 0x80
#define LK_MAX_MATERIALS 64
/* org.liko.engine.Material flags */
#define LK_FLUID 1
#define LK_ELECTRONIC 2
#define LK_DEPOSIT_ON 4
#define LK_CARRIER_CONDUCTOR 8
#define LK_MOBILE 32
#define LK_FIXED 64
#define LK_INERT 128
/* org.liko.engine.Grid */
#define LK_UP 2
#define LK_DOWN 3
/* org.liko.engine.rules.SiteRules */
#define LK_NONE (-1)
#define LK_ON_PRODUCT 0
#define LK_ON_FOREIGN 1
#define LK_UNDER_LAYER 2
#define LK_MAX_STRESS_LEVEL 8
#define LK_DEPOSIT_CLASSES ((LK_UNDER_LAYER + LK_MAX_STRESS_LEVEL + 1) * LK_MAX_MATERIALS)
#define LK_CRACKED (1 << 30)
#define LK_HOP_MOVED 0
#define LK_HOP_PRODUCT 1
#define LK_HOP_RECONNECTED 2
/* org.liko.engine.parallel.SectorKernel: passes */
#define LK_PASS_COUNT 0
#define LK_PASS_SWEEP 1
#define LK_PASS_LAUNCH 2
#define LK_PASS_FILL_SEED 3
#define LK_PASS_FILL_GROW 4
#define LK_PASS_FILL_LABEL 5
#define LK_PASS_OBSERVE 6
/* event types */
#define LK_DEPOSIT 0
#define LK_DISSOLVE 1
#define LK_HOP 2
#define LK_CONVERT 3
#define LK_HEAL 4
#define LK_WALK 5
#define LK_DROP 6
#define LK_TYPES 7
/* Philox streams */
#define LK_STREAM_ATTEMPT 0
#define LK_STREAM_REACT 2
#define LK_SECTOR_INTS 5
/* parameter table */
#define LK_P_NX 0
#define LK_P_NY 1
#define LK_P_NZ 2
#define LK_P_DIRS 3
#define LK_P_PRODUCT 4
#define LK_P_INERT 5
#define LK_P_FLUID 6
#define LK_P_LAYER_A 7
#define LK_P_LAYER_B 8
#define LK_P_MAX_RUN 9
#define LK_P_LAYER_SHARE 10
#define LK_P_FROM_CARRIER 11
#define LK_P_SHORT_Z 12
#define LK_P_KEY0 13
#define LK_P_KEY1 14
#define LK_P_SECTORS 15
#define LK_P_CONVERT_ON 16
#define LK_P_HOP_ON 17
#define LK_P_MOVES 18
#define LK_P_HEAL_ON 19
#define LK_P_SPLIT 20
#define LK_P_WALK_MAX (LK_P_SPLIT + LK_TYPES)
#define LK_P_WALK_UNIT (LK_P_WALK_MAX + 1)
#define LK_P_RELAUNCH_Z (LK_P_WALK_UNIT + 1)
#define LK_P_DROP_TOP_ONLY (LK_P_RELAUNCH_Z + 1)
#define LK_P_WALK_ON (LK_P_DROP_TOP_ONLY + 1)
#define LK_P_BASE (LK_P_WALK_ON + 1)
#define LK_P_BAND (LK_P_BASE + 1)
#define LK_P_BLOCKS_X (LK_P_BAND + 1)
#define LK_P_KEEP_CLEAN (LK_P_BLOCKS_X + 1)
#define LK_P_TOP_SKIP (LK_P_KEEP_CLEAN + 1)
#define LK_P_HOP_DOWN_ON (LK_P_TOP_SKIP + 1)
#define LK_P_MATERIAL_IDS (LK_P_HOP_DOWN_ON + 1)
#define LK_HOP_ROWS 4
#define LK_P_DEP_THR 40
#define LK_P_CRACK (LK_P_DEP_THR + LK_DEPOSIT_CLASSES)
#define LK_P_DIS_THR (LK_P_CRACK + LK_DEPOSIT_CLASSES)
#define LK_P_HOP_THR (LK_P_DIS_THR + 8)
#define LK_P_HOP_DOWN_THR (LK_P_HOP_THR + 8 * LK_HOP_ROWS)
#define LK_P_HEAL_THR (LK_P_HOP_DOWN_THR + 8 * LK_HOP_ROWS)
#define LK_P_WALK_DIR (LK_P_HEAL_THR + LK_MAX_MATERIALS)
#define LK_P_WALK_REACT (LK_P_WALK_DIR + 6)
#define LK_P_HOP_ROW (LK_P_WALK_REACT + LK_DEPOSIT_CLASSES)
#define LK_P_CONV_THR (LK_P_HOP_ROW + LK_MAX_MATERIALS)
/* histogram layout */
#define LK_H_DEP 0
#define LK_H_DIS LK_DEPOSIT_CLASSES
#define LK_H_HOP (LK_H_DIS + 8)
#define LK_H_HEAL (LK_H_HOP + 8 * LK_HOP_ROWS)
#define LK_H_CONV (LK_H_HEAL + LK_MAX_MATERIALS)
/* counters */
#define LK_C_ATTEMPTS 0
#define LK_C_ACCEPTED 1
#define LK_C_DEPOSITS 2
#define LK_C_DISSOLVES 3
#define LK_C_HOPS 4
#define LK_C_CONV_CARRIER 5
#define LK_C_CONV_SOLID 6
#define LK_C_SHORT 7
#define LK_C_INERT_TOUCHED 8
#define LK_C_CRACKS 9
#define LK_C_HEALS 10
#define LK_C_WALKS 11
#define LK_C_REDUCED 12
#define LK_C_STRAYED 13
#define LK_C_DROPS 14
#define LK_C_DROPS_FULL 15
#define LK_C_MAX_CARRIERS 16
#define LK_C_HIGHEST 17
#define LK_C_FILL_CHANGED 18
#define LK_C_BAND_LO 19
#define LK_C_BAND_HI 20
#define LK_C_DIRTY 21
#define LK_C_ACTIVE_TOP 22
#define LK_COUNTERS 23

typedef uint8_t lk_cell;

LIKO_HD int lk_max(int a, int b) { return a > b ? a : b; }
LIKO_HD int lk_min(int a, int b) { return a < b ? a : b; }

/* SectorKernel.below: unsigned a < b of two bit patterns. */
LIKO_HD int lk_below(int a, int b) { return (uint32_t)a < (uint32_t)b; }

LIKO_HD int lk_mat(const lk_cell* cells, int i) { return cells[i] & LK_MATERIAL_MASK; }

/* ------------------------------------------------------------------ Grid */

/* Grid.neighbour: face neighbour of i in direction d (0 +x, 1 -x, 2 +z, 3 -z, 4 +y, 5 -y), x and
 * y periodic, -1 outside the box in z. */
LIKO_HD int lk_neighbour(int i, int d, int nx, int ny, int nz) {
  int plane = nx * ny;
  if (d == 0) {
    int x = i % nx;
    return x == nx - 1 ? i - x : i + 1;
  } else if (d == 1) {
    int x = i % nx;
    return x == 0 ? i + nx - 1 : i - 1;
  } else if (d == 2) {
    int j = i + plane;
    return j >= plane * nz ? -1 : j;
  } else if (d == 3) {
    return i < plane ? -1 : i - plane;
  } else if (d == 4) {
    return i % plane >= plane - nx ? i - (plane - nx) : i + nx;
  } else {
    return i % plane < nx ? i + (plane - nx) : i - nx;
  }
}

/* Grid.neighbourAt */
LIKO_HD int lk_neighbour_at(int i, int d, int x, int y, int z, int nx, int ny, int nz) {
  if (d == 0) return x == nx - 1 ? i - x : i + 1;
  if (d == 1) return x == 0 ? i + nx - 1 : i - 1;
  if (d == 2) return z == nz - 1 ? -1 : i + nx * ny;
  if (d == 3) return z == 0 ? -1 : i - nx * ny;
  if (d == 4) return y == ny - 1 ? i - y * nx : i + nx;
  return y == 0 ? i + (ny - 1) * nx : i - nx;
}

/* ------------------------------------------------------------------ SiteRules */

/* SiteRules.depositKind */
LIKO_HD int lk_deposit_kind(int cls) {
  int k = cls / LK_MAX_MATERIALS;
  return k > LK_UNDER_LAYER ? LK_UNDER_LAYER : k;
}

/* SiteRules.solid: j >= 0 and neither fluid nor an inert wall. */
LIKO_HD int lk_solid(const lk_cell* cells, const int* flags, int j) {
  return j >= 0 && (flags[cells[j] & LK_MATERIAL_MASK] & (LK_FLUID | LK_INERT)) == 0;
}

/* SiteRules.solidNeighboursAt */
LIKO_HD int lk_solid_neighbours_at(const lk_cell* cells, const int* flags, int i, int x, int y,
                                   int z, int nx, int ny, int nz, int dirs) {
  int n = 0;
  for (int d = 0; d < dirs; d++) {
    if (lk_solid(cells, flags, lk_neighbour_at(i, d, x, y, z, nx, ny, nz))) n++;
  }
  return n;
}

/* SiteRules.solidNeighbours */
LIKO_HD int lk_solid_neighbours(const lk_cell* cells, const int* flags, int i, int nx, int ny,
                                int nz, int dirs) {
  int t = i / nx;
  return lk_solid_neighbours_at(cells, flags, i, i - t * nx, t % ny, t / ny, nx, ny, nz, dirs);
}

/* SiteRules.stressLevel (the lattice form) */
LIKO_HD int lk_stress_level(const lk_cell* cells, const int* flags, int i, int nx, int ny,
                            int nz, int dirs, int product) {
  int level = 0;
  for (int d = 0; d < dirs; d++) {
    if (d == LK_UP || d == LK_DOWN) continue;
    int j = lk_neighbour(i, d, nx, ny, nz);
    int mj = cells[j] & LK_MATERIAL_MASK;
    int fj = flags[mj];
    int layer = mj != product && (fj & LK_FLUID) == 0 && (fj & LK_CARRIER_CONDUCTOR) != 0
        && (fj & LK_FIXED) == 0;
    if (!layer) continue;
    int below = lk_neighbour(j, LK_DOWN, nx, ny, nz);
    int mb = below < 0 ? -1 : cells[below] & LK_MATERIAL_MASK;
    int deeper = mb < 0 || (flags[mb] & LK_FLUID) != 0
        || (mb != product && (flags[mb] & LK_CARRIER_CONDUCTOR) != 0
            && (flags[mb] & LK_FIXED) == 0);
    level += deeper ? 2 : 1;
  }
  return level;
}

LIKO_HD int lk_under_layer(const lk_cell* cells, const int* flags, int i, int nx, int ny,
                           int nz, int dirs, int product, int m) {
  return (LK_UNDER_LAYER + lk_stress_level(cells, flags, i, nx, ny, nz, dirs, product))
      * LK_MAX_MATERIALS + m;
}

/* SiteRules.depositClassAt */
LIKO_HD int lk_deposit_class_at(const lk_cell* cells, const int* flags, int i, int x, int y,
                                int z, int nx, int ny, int nz, int dirs, int product) {
  int m = cells[i] & LK_MATERIAL_MASK;
  int f = flags[m];
  int fluid = (f & LK_FLUID) != 0;
  int layer = !fluid && (f & LK_CARRIER_CONDUCTOR) != 0 && (f & LK_FIXED) == 0 && m != product;
  if (!fluid && !layer) return LK_NONE;
  int foreign = -1;
  for (int d = 0; d < dirs; d++) {
    int j = lk_neighbour_at(i, d, x, y, z, nx, ny, nz);
    if (j < 0) continue;
    int mj = cells[j] & LK_MATERIAL_MASK;
    if (mj == product) {
      return layer ? lk_under_layer(cells, flags, i, nx, ny, nz, dirs, product, m)
                   : LK_ON_PRODUCT * LK_MAX_MATERIALS + product;
    }
    int fj = flags[mj];
    if (foreign < 0 && mj != m
        && (fj & (LK_ELECTRONIC | LK_DEPOSIT_ON)) == (LK_ELECTRONIC | LK_DEPOSIT_ON)) {
      foreign = mj;
    }
  }
  if (foreign < 0) return LK_NONE;
  return layer ? lk_under_layer(cells, flags, i, nx, ny, nz, dirs, product, m)
               : LK_ON_FOREIGN * LK_MAX_MATERIALS + foreign;
}

/* SiteRules.depositClass */
LIKO_HD int lk_deposit_class(const lk_cell* cells, const int* flags, int i, int nx, int ny,
                             int nz, int dirs, int product) {
  int t = i / nx;
  return lk_deposit_class_at(cells, flags, i, i - t * nx, t % ny, t / ny, nx, ny, nz, dirs,
                             product);
}

/* SiteRules.healClass */
LIKO_HD int lk_heal_class(const lk_cell* cells, const int* flags, int f, int nx, int ny, int nz,
                          int product) {
  if ((flags[cells[f] & LK_MATERIAL_MASK] & LK_FLUID) == 0) return LK_NONE;
  int u = lk_neighbour(f, LK_UP, nx, ny, nz);
  int d = lk_neighbour(f, LK_DOWN, nx, ny, nz);
  if (u < 0 || d < 0) return LK_NONE;
  int mu = cells[u] & LK_MATERIAL_MASK;
  int fu = flags[mu];
  if ((fu & LK_FLUID) != 0 || (fu & LK_CARRIER_CONDUCTOR) == 0 || (fu & LK_FIXED) != 0
      || mu == product) {
    return LK_NONE;
  }
  int md = cells[d] & LK_MATERIAL_MASK;
  return md == product || md == mu ? mu : LK_NONE;
}

/* SiteRules.dissolveClassAt */
LIKO_HD int lk_dissolve_class_at(const lk_cell* cells, const int* flags, int i, int x, int y,
                                 int z, int nx, int ny, int nz, int dirs, int product) {
  if ((cells[i] & LK_MATERIAL_MASK) != product) return LK_NONE;
  int n = 0;
  int open = 0;
  for (int d = 0; d < dirs; d++) {
    int j = lk_neighbour_at(i, d, x, y, z, nx, ny, nz);
    if (j < 0) continue;
    int mj = cells[j] & LK_MATERIAL_MASK;
    int fj = flags[mj];
    if ((fj & LK_FLUID) != 0) {
      open = 1;
    } else {
      n++;
      if ((fj & LK_CARRIER_CONDUCTOR) != 0 && (fj & LK_FIXED) == 0 && mj != product) open = 1;
    }
  }
  return open ? n : LK_NONE;
}

/* SiteRules.dissolveClass */
LIKO_HD int lk_dissolve_class(const lk_cell* cells, const int* flags, int i, int nx, int ny,
                              int nz, int dirs, int product) {
  int t = i / nx;
  return lk_dissolve_class_at(cells, flags, i, i - t * nx, t % ny, t / ny, nx, ny, nz, dirs,
                              product);
}

/* SiteRules.hopAllowed */
LIKO_HD int lk_hop_allowed(const lk_cell* cells, const int* flags, int i, int j, int nx, int ny,
                           int nz, int dirs) {
  if (j < 0 || (flags[cells[j] & LK_MATERIAL_MASK] & LK_FLUID) == 0) return 0;
  int plane = nx * ny;
  if (j / plane != i / plane && j != i + plane && j != i - plane) {
    return lk_solid(cells, flags, lk_neighbour(j, LK_DOWN, nx, ny, nz))
        && lk_solid(cells, flags, lk_neighbour(i, LK_DOWN, nx, ny, nz));
  }
  for (int d = 0; d < dirs; d++) {
    int k = lk_neighbour(j, d, nx, ny, nz);
    if (k != i && lk_solid(cells, flags, k)) return 1;
  }
  return 0;
}

/* SiteRules.hopMoveAllowedAt */
LIKO_HD int lk_hop_move_allowed_at(const lk_cell* cells, const int* flags, int i, int j, int h,
                                   int jx, int jy, int jz, int nx, int ny, int nz, int dirs) {
  if (j < 0 || (flags[cells[j] & LK_MATERIAL_MASK] & LK_FLUID) == 0) return 0;
  int plane = nx * ny;
  if (h >= dirs && j != i + plane && j != i - plane) {
    return lk_solid(cells, flags, lk_neighbour(j, LK_DOWN, nx, ny, nz))
        && lk_solid(cells, flags, lk_neighbour(i, LK_DOWN, nx, ny, nz));
  }
  for (int d = 0; d < dirs; d++) {
    int k = lk_neighbour_at(j, d, jx, jy, jz, nx, ny, nz);
    if (k != i && lk_solid(cells, flags, k)) return 1;
  }
  return 0;
}

/* SiteRules.hopMoveAllowed */
LIKO_HD int lk_hop_move_allowed(const lk_cell* cells, const int* flags, int i, int j, int h,
                                int nx, int ny, int nz, int dirs) {
  int t = j / nx;
  return lk_hop_move_allowed_at(cells, flags, i, j, h, j - t * nx, t % ny, t / ny, nx, ny, nz,
                                dirs);
}

/* SiteRules.lateralOf */
LIKO_HD int lk_lateral_of(int h, int dirs) {
  int lateral = (h - dirs) >> 1;
  return lateral < 2 ? lateral : lateral + 2;
}

/* SiteRules.moveDx */
LIKO_HD int lk_move_dx(int h, int dirs) {
  int d = h < dirs ? h : lk_lateral_of(h, dirs);
  return d == 0 ? 1 : d == 1 ? -1 : 0;
}

/* SiteRules.moveDy */
LIKO_HD int lk_move_dy(int h, int dirs) {
  int d = h < dirs ? h : lk_lateral_of(h, dirs);
  return d == 4 ? 1 : d == 5 ? -1 : 0;
}

/* SiteRules.moveDz */
LIKO_HD int lk_move_dz(int h, int dirs) {
  if (h < dirs) return h == LK_UP ? 1 : h == LK_DOWN ? -1 : 0;
  return ((h - dirs) & 1) == 0 ? 1 : -1;
}

/* SiteRules.stepsDown */
LIKO_HD int lk_steps_down(int h, int dirs) {
  return h >= dirs && ((h - dirs) & 1) != 0;
}

/* SiteRules.wrapStep */
LIKO_HD int lk_wrap_step(int c, int step, int n) {
  int r = c + step;
  if (r < 0) r = n - 1;
  if (r >= n) r = 0;
  return r;
}

/* SiteRules.hopTarget */
LIKO_HD int lk_hop_target(int i, int h, int nx, int ny, int nz, int dirs) {
  if (h < dirs) return lk_neighbour(i, h, nx, ny, nz);
  int k = h - dirs;
  int lateral = k >> 1;
  int d = lateral < 2 ? lateral : lateral + 2;
  int j = lk_neighbour(i, d, nx, ny, nz);
  return lk_neighbour(j, (k & 1) == 0 ? LK_UP : LK_DOWN, nx, ny, nz);
}

/* SiteRules.hopTargets */
LIKO_HD int lk_hop_targets(const lk_cell* cells, const int* flags, int i, int nx, int ny, int nz,
                           int dirs, int moves) {
  if ((flags[cells[i] & LK_MATERIAL_MASK] & LK_MOBILE) == 0) return 0;
  int t = 0;
  for (int h = 0; h < moves; h++) {
    if (lk_hop_move_allowed(cells, flags, i, lk_hop_target(i, h, nx, ny, nz, dirs), h, nx, ny,
                            nz, dirs)) {
      t++;
    }
  }
  return t;
}

/* SiteRules.canHopAt */
LIKO_HD int lk_can_hop_at(const lk_cell* cells, const int* flags, int i, int x, int y, int z,
                          int nx, int ny, int nz, int dirs, int moves) {
  if ((flags[cells[i] & LK_MATERIAL_MASK] & LK_MOBILE) == 0) return 0;
  for (int h = 0; h < moves; h++) {
    int jx = lk_wrap_step(x, lk_move_dx(h, dirs), nx);
    int jy = lk_wrap_step(y, lk_move_dy(h, dirs), ny);
    int jz = z + lk_move_dz(h, dirs);
    int j = jz >= 0 && jz < nz ? (jz * ny + jy) * nx + jx : -1;
    if (lk_hop_move_allowed_at(cells, flags, i, j, h, jx, jy, jz, nx, ny, nz, dirs)) return 1;
  }
  return 0;
}

/* SiteRules.layerRun */
LIKO_HD int lk_layer_run(const lk_cell* cells, const int* flags, int j, int d, int nx, int ny,
                         int nz, int layerA, int layerB, int maxRun) {
  int len = 0;
  while (j >= 0) {
    int mj = cells[j] & LK_MATERIAL_MASK;
    if ((flags[mj] & LK_FLUID) != 0) return len;
    if (mj != layerA && mj != layerB) return LK_NONE;
    if (++len > maxRun) return LK_NONE;
    j = lk_neighbour(j, d, nx, ny, nz);
  }
  return LK_NONE;
}

/* SiteRules.convertScan: the shortest layer run (or its direction, wantDirection). */
LIKO_HD int lk_convert_scan(const lk_cell* cells, const int* flags, int i, int nx, int ny,
                            int nz, int dirs, int product, int layerA, int layerB, int maxRun,
                            int wantDirection) {
  if ((cells[i] & LK_MATERIAL_MASK) != product) return LK_NONE;
  int best = LK_NONE;
  int bestDir = -1;
  for (int d = 0; d < dirs; d++) {
    int j = lk_neighbour(i, d, nx, ny, nz);
    if (j < 0) continue;
    int run = lk_layer_run(cells, flags, j, d, nx, ny, nz, layerA, layerB, maxRun);
    if (run != LK_NONE && (best == LK_NONE || run < best)) {
      best = run;
      bestDir = d;
    }
  }
  return wantDirection ? bestDir : best;
}

/* SiteRules.liftColumn */
LIKO_HD int lk_lift_column(lk_cell* cells, const int* flags, int i, int nx, int ny, int nz) {
  int plane = nx * ny;
  int sites = plane * nz;
  int top = i;
  while (top < sites && (flags[cells[top] & LK_MATERIAL_MASK] & (LK_FLUID | LK_FIXED)) == 0) {
    top += plane;
  }
  if (top >= sites || (flags[cells[top] & LK_MATERIAL_MASK] & LK_FLUID) == 0) return -1;
  for (int k = top; k > i; k -= plane) cells[k] = cells[k - plane];
  return top / plane;
}

/* SiteRules.canLift */
LIKO_HD int lk_can_lift(const lk_cell* cells, const int* flags, int i, int nx, int ny, int nz) {
  int plane = nx * ny;
  int sites = plane * nz;
  for (int k = i; k < sites; k += plane) {
    int f = flags[cells[k] & LK_MATERIAL_MASK];
    if ((f & LK_FLUID) != 0) return 1;
    if ((f & LK_FIXED) != 0) return 0;
  }
  return 0;
}

/* SiteRules.touchesLive */
LIKO_HD int lk_touches_live(const lk_cell* cells, const int* flags, int j, int nx, int ny,
                            int nz, int dirs, int product) {
  for (int d = 0; d < dirs; d++) {
    int k = lk_neighbour(j, d, nx, ny, nz);
    if (k >= 0) {
      int mk = cells[k] & LK_MATERIAL_MASK;
      if (mk == product
          || (flags[mk] & (LK_ELECTRONIC | LK_FIXED)) == (LK_ELECTRONIC | LK_FIXED)) {
        return 1;
      }
    }
  }
  return 0;
}

/* SiteRules.touchesMaterial */
LIKO_HD int lk_touches_material(const lk_cell* cells, int j, int nx, int ny, int nz, int dirs,
                                int m) {
  for (int d = 0; d < dirs; d++) {
    int k = lk_neighbour(j, d, nx, ny, nz);
    if (k >= 0 && (cells[k] & LK_MATERIAL_MASK) == m) return 1;
  }
  return 0;
}

/* SiteRules.applyDeposit */
LIKO_HD int lk_apply_deposit(lk_cell* cells, const int* flags, int i, int nx, int ny, int nz,
                             int product, int fluid, int crack) {
  int top = -1;
  int cracked = 0;
  if ((flags[cells[i] & LK_MATERIAL_MASK] & LK_FLUID) == 0) {
    top = lk_lift_column(cells, flags, i, nx, ny, nz);
    int above = i + nx * ny;
    if (crack && top >= 0) {
      int top2 = lk_lift_column(cells, flags, above, nx, ny, nz);
      if (top2 >= 0) {
        cells[above] = (lk_cell)fluid;
        top = top2;
        cracked = LK_CRACKED;
      }
    }
  }
  cells[i] = (lk_cell)product;
  return top < 0 ? top : top | cracked;
}

/* SiteRules.applyHop */
LIKO_HD int lk_apply_hop(lk_cell* cells, const int* flags, int i, int j, int nx, int ny, int nz,
                         int dirs, int product, int fluid) {
  cells[j] = (lk_cell)(cells[i] & LK_MATERIAL_MASK);
  cells[i] = (lk_cell)fluid;
  if ((cells[j] & LK_MATERIAL_MASK) == product) return LK_HOP_PRODUCT;
  if (lk_touches_live(cells, flags, j, nx, ny, nz, dirs, product)) {
    cells[j] = (lk_cell)product;
    return LK_HOP_RECONNECTED;
  }
  return LK_HOP_MOVED;
}

/* SiteRules.applyConvert */
LIKO_HD int lk_apply_convert(lk_cell* cells, const int* flags, int i, int d, int nx, int ny,
                             int nz, int layer, int fromCarrier) {
  if (fromCarrier) {
    int j = lk_neighbour(i, d, nx, ny, nz);
    while ((flags[cells[j] & LK_MATERIAL_MASK] & LK_FLUID) == 0) {
      j = lk_neighbour(j, d, nx, ny, nz);
    }
    cells[j] = (lk_cell)layer;
    return j;
  }
  cells[i] = (lk_cell)layer;
  return i;
}

/* ------------------------------------------------------------------ Connectivity */

/* Connectivity.seed */
LIKO_HD int lk_fill_seed_site(lk_cell* cells, const int* flags, int i) {
  int c = cells[i];
  int f = flags[c & LK_MATERIAL_MASK];
  int r = 0;
  cells[i] = (lk_cell)(c & ~LK_MARK_BIT);
  if ((f & (LK_ELECTRONIC | LK_FIXED)) == (LK_ELECTRONIC | LK_FIXED)) {
    cells[i] = (lk_cell)(c | LK_MARK_BIT);
    r = 1;
  }
  return r;
}

/* Connectivity.conducts */
LIKO_HD int lk_conducts(const int* flags, int m, int product, int inert) {
  return m == product || m == inert || (flags[m] & LK_ELECTRONIC) != 0;
}

/* Connectivity.grow */
LIKO_HD int lk_fill_grow_site(lk_cell* cells, const int* flags, int i, int nx, int ny, int nz,
                              int dirs, int product, int inert) {
  int c = cells[i];
  int r = 0;
  if ((c & LK_MARK_BIT) == 0 && lk_conducts(flags, c & LK_MATERIAL_MASK, product, inert)) {
    int near = 0;
    for (int d = 0; d < dirs; d++) {
      int j = lk_neighbour(i, d, nx, ny, nz);
      if (j >= 0 && (cells[j] & LK_MARK_BIT) != 0) near = 1;
    }
    if (near != 0) {
      cells[i] = (lk_cell)(c | LK_MARK_BIT);
      r = 1;
    }
  }
  return r;
}

/* Connectivity.label */
LIKO_HD int lk_fill_label_site(lk_cell* cells, int i, int product, int inert) {
  int c = cells[i];
  int m = c & LK_MATERIAL_MASK;
  int marked = c & LK_MARK_BIT;
  int r = 0;
  if (m == product && marked == 0) {
    cells[i] = (lk_cell)((c & LK_CARRIER_BIT) | inert);
    r = 1;
  }
  if (m == inert && marked != 0) {
    cells[i] = (lk_cell)((c & LK_CARRIER_BIT) | product);
    r = 1;
  }
  if (r == 0) cells[i] = (lk_cell)(c & ~LK_MARK_BIT);
  return r;
}

/* ------------------------------------------------------------------ SectorKernel */

LIKO_HD int lk_hist_size(int maxRun) { return LK_H_CONV + maxRun + 1; }

/* SectorKernel.hopRow: the hop row of the material below site i (row 0 in plane 0). */
LIKO_HD int lk_hop_row(const lk_cell* cells, const int* params, int i, int z, int plane) {
  return z > 0 ? params[LK_P_HOP_ROW + (cells[i - plane] & LK_MATERIAL_MASK)] : 0;
}

/* SectorKernel.siteOf */
LIKO_HD int lk_site_of(int l, int x0, int w, int y0, int h, int nx, int ny) {
  int lx = l % w;
  int t = l / w;
  int ly = t % h;
  int z = t / h;
  return (z * ny + y0 + ly) * nx + x0 + lx;
}

/* SectorKernel.sectorSites */
LIKO_HD int lk_sector_sites(const int* sectors, int sector, int nz) {
  int sb = sector * LK_SECTOR_INTS;
  return (sectors[sb + 1] - sectors[sb]) * (sectors[sb + 3] - sectors[sb + 2]) * nz;
}

/* SectorKernel.sectorSite */
LIKO_HD int lk_sector_site(const int* sectors, int sector, int l, const int* params) {
  int sb = sector * LK_SECTOR_INTS;
  int x0 = sectors[sb];
  int y0 = sectors[sb + 2];
  return lk_site_of(l, x0, sectors[sb + 1] - x0, y0, sectors[sb + 3] - y0, params[LK_P_NX],
                    params[LK_P_NY]);
}

LIKO_HD int lk_wrap(int k, int n) {
  int r = k;
  if (r < 0) r += n;
  if (r >= n) r -= n;
  return r;
}

/* SectorKernel.columnTop */
LIKO_HD int lk_column_top(const lk_cell* cells, const int* flags, int col, int plane, int top) {
  int z = top;
  int k = top * plane + col;
  while (z >= 0 && (flags[cells[k] & LK_MATERIAL_MASK] & LK_FLUID) != 0) {
    z--;
    k -= plane;
  }
  return z;
}

/* SectorKernel.columnTopActive */
LIKO_HD int lk_column_top_active(const lk_cell* cells, const int* flags, int col, int plane,
                                 int top) {
  int z = top;
  int k = top * plane + col;
  while (z >= 0 && (flags[cells[k] & LK_MATERIAL_MASK] & (LK_FLUID | LK_INERT)) != 0) {
    z--;
    k -= plane;
  }
  return z;
}

/* SectorKernel.dropZ */
LIKO_HD int lk_drop_z(const lk_cell* cells, const int* flags, int col, int nx, int ny, int nz,
                      int dirs, int top, int topOnly) {
  int plane = nx * ny;
  int z = lk_column_top(cells, flags, col, plane, top) + 1;
  if (!topOnly) {
    for (int d = 0; d < dirs; d++) {
      if (d < 2 || d > 3) {
        z = lk_max(z, lk_column_top(cells, flags, lk_neighbour(col, d, nx, ny, nz), plane, top));
      }
    }
  }
  return z;
}

/* SectorKernel.countClasses */
LIKO_HD void lk_count_classes(const lk_cell* cells, const int* carriers, const int* flags,
                              const int* params, const int* sectors, int* hist, int* counters,
                              int sector) {
  int nx = params[LK_P_NX];
  int ny = params[LK_P_NY];
  int nz = params[LK_P_NZ];
  int dirs = params[LK_P_DIRS];
  int product = params[LK_P_PRODUCT];
  int maxRun = params[LK_P_MAX_RUN];
  int hs = lk_hist_size(maxRun);
  int hb = sector * hs;
  {
    /* SectorKernel.clearHist: entries of material ids >= P_MATERIAL_IDS are never counted */
    int used = params[LK_P_MATERIAL_IDS];
    if (used < 1 || used > LK_MAX_MATERIALS) used = LK_MAX_MATERIALS;
    for (int b = 0; b < LK_H_DIS; b += LK_MAX_MATERIALS)
      for (int m = 0; m < used; m++) hist[hb + b + m] = 0;
    for (int k = LK_H_DIS; k < LK_H_HEAL; k++) hist[hb + k] = 0;
    for (int m = 0; m < used; m++) hist[hb + LK_H_HEAL + m] = 0;
    for (int k = LK_H_CONV; k < hs; k++) hist[hb + k] = 0;
  }
  int sb = sector * LK_SECTOR_INTS;
  int x0 = sectors[sb];
  int w = sectors[sb + 1] - x0;
  int y0 = sectors[sb + 2];
  int h = sectors[sb + 3] - y0;
  int hopOn = params[LK_P_HOP_ON] != 0;
  int convOn = params[LK_P_CONVERT_ON] != 0;
  int healOn = params[LK_P_HEAL_ON] != 0;
  int walkOn = params[LK_P_WALK_ON] != 0;
  int shortZ = params[LK_P_SHORT_Z];
  int plane = nx * ny;
  int maxCarriers = 0;
  int highest = -1;
  int top = -1;
  int bound = nz - 1 - lk_max(0, params[LK_P_TOP_SKIP]);
  int yLo = ny > 1 ? y0 - 1 : y0;
  int yHi = ny > 1 ? y0 + h : y0;
  for (int yy = yLo; yy <= yHi; yy++) {
    for (int xx = x0 - 1; xx <= x0 + w; xx++) {
      int col = lk_wrap(yy, ny) * nx + lk_wrap(xx, nx);
      int zs = lk_column_top(cells, flags, col, plane, bound);
      if (zs >= 0) top = lk_max(top, lk_column_top_active(cells, flags, col, plane, zs));
      if (walkOn && xx >= x0 && xx < x0 + w && yy >= y0 && yy < y0 + h) {
        highest = lk_max(highest, lk_column_top(cells, flags, col, plane, shortZ));
      }
    }
  }
  int planes = lk_min(nz, top + 2);
  if (walkOn) {
    int all = w * h * nz;
    for (int l = 0; l < all; l++) {
      maxCarriers = lk_max(maxCarriers, carriers[lk_site_of(l, x0, w, y0, h, nx, ny)]);
    }
  }
  int activeLo = nz;
  int activeHi = -1;
  for (int z = 0; z < planes; z++) {
    for (int ly = 0; ly < h; ly++) {
      int row = (z * ny + y0 + ly) * nx + x0;
      for (int lx = 0; lx < w; lx++) {
        int i = row + lx;
        int m = cells[i] & LK_MATERIAL_MASK;
        int f = flags[m];
        int active = 0;
        /* product with no dissolution class has no fluid face neighbour: without diagonal
           moves no hop is possible (SectorKernel.countClasses skips the check the same way) */
        int sealed = 0;
        if (m == product) {
          int dn = lk_dissolve_class_at(cells, flags, i, x0 + lx, y0 + ly, z, nx, ny, nz, dirs,
                                        product);
          if (dn != LK_NONE) {
            hist[hb + LK_H_DIS + dn]++;
            active = 1;
          } else {
            sealed = 1;
          }
          if (convOn) {
            int run = lk_convert_scan(cells, flags, i, nx, ny, nz, dirs, product,
                                      params[LK_P_LAYER_A], params[LK_P_LAYER_B], maxRun, 0);
            if (run != LK_NONE) {
              hist[hb + LK_H_CONV + run]++;
              active = 1;
            }
          }
        } else {
          int cls = lk_deposit_class_at(cells, flags, i, x0 + lx, y0 + ly, z, nx, ny, nz, dirs,
                                        product);
          if (cls != LK_NONE && (lk_deposit_kind(cls) != LK_UNDER_LAYER
                                 || lk_can_lift(cells, flags, i, nx, ny, nz))) {
            hist[hb + LK_H_DEP + cls]++;
            active = 1;
          }
          if (healOn) {
            int hm = lk_heal_class(cells, flags, i, nx, ny, nz, product);
            if (hm != LK_NONE) {
              hist[hb + LK_H_HEAL + hm]++;
              active = 1;
            }
          }
        }
        if (hopOn && (f & LK_MOBILE) != 0 && !(sealed && params[LK_P_MOVES] <= dirs)
            && lk_can_hop_at(cells, flags, i, x0 + lx, y0 + ly, z, nx, ny, nz, dirs,
                             params[LK_P_MOVES])) {
          hist[hb + LK_H_HOP + 8 * lk_hop_row(cells, params, i, z, plane)
               + lk_solid_neighbours_at(cells, flags, i, x0 + lx, y0 + ly, z, nx, ny, nz,
                                        dirs)]++;
          active = 1;
        }
        if (active != 0) {
          activeLo = lk_min(activeLo, z);
          activeHi = lk_max(activeHi, z);
        }
      }
    }
  }
  counters[sector * LK_COUNTERS + LK_C_MAX_CARRIERS] = maxCarriers;
  counters[sector * LK_COUNTERS + LK_C_HIGHEST] = highest;
  int margin = params[LK_P_BAND];
  int bandLo = 0;
  int bandHi = nz - 1;
  if (margin >= 0) {
    bandLo = lk_max(0, activeLo - margin);
    bandHi = lk_min(nz - 1, activeHi + margin);
    if (activeHi < 0) {
      bandLo = 0;
      bandHi = -1; /* no site with an event: no attempts */
    }
  }
  counters[sector * LK_COUNTERS + LK_C_BAND_LO] = bandLo;
  counters[sector * LK_COUNTERS + LK_C_BAND_HI] = bandHi;
  counters[sector * LK_COUNTERS + LK_C_ACTIVE_TOP] = top;
}

/* SectorKernel.countSector */
LIKO_HD void lk_count_sector(const lk_cell* cells, const int* carriers, const int* flags,
                             const int* params, const int* sectors, int* hist, int* counters,
                             int sector) {
  int cb = sector * LK_COUNTERS;
  int keep = params[LK_P_KEEP_CLEAN] != 0 && params[LK_P_WALK_ON] == 0
             && counters[cb + LK_C_DIRTY] == 0;
  int keptLo = counters[cb + LK_C_BAND_LO];
  int keptHi = counters[cb + LK_C_BAND_HI];
  int keptTop = counters[cb + LK_C_ACTIVE_TOP];
  for (int k = 0; k < LK_COUNTERS; k++) counters[cb + k] = 0;
  if (keep) {
    counters[cb + LK_C_BAND_LO] = keptLo;
    counters[cb + LK_C_BAND_HI] = keptHi;
    counters[cb + LK_C_ACTIVE_TOP] = keptTop;
  } else {
    lk_count_classes(cells, carriers, flags, params, sectors, hist, counters, sector);
  }
}

/* SectorKernel.fillSeedSector */
LIKO_HD void lk_fill_seed_sector(lk_cell* cells, const int* flags, const int* params,
                                 const int* sectors, int sector) {
  int n = lk_sector_sites(sectors, sector, params[LK_P_NZ]);
  for (int l = 0; l < n; l++) lk_fill_seed_site(cells, flags, lk_sector_site(sectors, sector, l, params));
}

/* SectorKernel.fillGrowSector: marks are only ever set, so the fixed point is order-free. */
LIKO_HD void lk_fill_grow_sector(lk_cell* cells, const int* flags, const int* params,
                                 const int* sectors, int* counters, int sector) {
  int nx = params[LK_P_NX];
  int ny = params[LK_P_NY];
  int nz = params[LK_P_NZ];
  int dirs = params[LK_P_DIRS];
  int product = params[LK_P_PRODUCT];
  int inert = params[LK_P_INERT];
  int n = lk_sector_sites(sectors, sector, nz);
  int total = 0;
  int marked = 1;
  while (marked > 0) {
    marked = 0;
    for (int l = 0; l < n; l++) {
      marked += lk_fill_grow_site(cells, flags, lk_sector_site(sectors, sector, l, params), nx, ny,
                                  nz, dirs, product, inert);
    }
    for (int l = n - 1; l >= 0; l--) {
      marked += lk_fill_grow_site(cells, flags, lk_sector_site(sectors, sector, l, params), nx, ny,
                                  nz, dirs, product, inert);
    }
    total += marked;
  }
  counters[sector * LK_COUNTERS + LK_C_FILL_CHANGED] = total;
}

/* SectorKernel.fillLabelSector */
LIKO_HD void lk_fill_label_sector(lk_cell* cells, const int* params, const int* sectors,
                                  int* counters, int sector) {
  int product = params[LK_P_PRODUCT];
  int inert = params[LK_P_INERT];
  int n = lk_sector_sites(sectors, sector, params[LK_P_NZ]);
  int changed = 0;
  for (int l = 0; l < n; l++) {
    changed += lk_fill_label_site(cells, lk_sector_site(sectors, sector, l, params), product, inert);
  }
  counters[sector * LK_COUNTERS + LK_C_FILL_CHANGED] = changed;
}

/* SectorKernel.observeSector */
LIKO_HD void lk_observe_sector(const lk_cell* cells, const int* params, const int* sectors,
                               int* materials, int* tops, int sector) {
  int nx = params[LK_P_NX];
  int ny = params[LK_P_NY];
  int nz = params[LK_P_NZ];
  int product = params[LK_P_PRODUCT];
  int inert = params[LK_P_INERT];
  int base = params[LK_P_BASE];
  int plane = nx * ny;
  int mb = sector * LK_MAX_MATERIALS;
  for (int m = 0; m < LK_MAX_MATERIALS; m++) materials[mb + m] = 0;
  int n = lk_sector_sites(sectors, sector, nz);
  for (int l = 0; l < n; l++) {
    materials[mb + (cells[lk_sector_site(sectors, sector, l, params)] & LK_MATERIAL_MASK)]++;
  }
  int columns = lk_sector_sites(sectors, sector, 1);
  for (int l = 0; l < columns; l++) {
    int col = lk_sector_site(sectors, sector, l, params);
    int top = 0;
    for (int z = base; z < nz; z++) {
      int m = cells[z * plane + col] & LK_MATERIAL_MASK;
      if (m == product || m == inert) top = z - base + 1;
    }
    tops[col] = top;
  }
}

/* SectorKernel.launchSector */
LIKO_HD void lk_launch_sector(int* carriers, const int* params, const int* sectors,
                              const int* launch, int sector) {
  int nx = params[LK_P_NX];
  int plane = nx * params[LK_P_NY];
  int sb = sector * LK_SECTOR_INTS;
  int count = launch[0];
  for (int k = 1; k <= count; k++) {
    int site = launch[k];
    int col = site % plane;
    int x = col % nx;
    int y = col / nx;
    if (x >= sectors[sb] && x < sectors[sb + 1] && y >= sectors[sb + 2] && y < sectors[sb + 3]) {
      carriers[site]++;
    }
  }
}

/* SectorKernel.walkThreshold: c / M of 2^32 (unsigned product), all when c >= M. */
LIKO_HD int lk_walk_threshold(int c, const int* params) {
  int thr = -1;
  if (c < params[LK_P_WALK_MAX]) thr = (int)((uint32_t)c * (uint32_t)params[LK_P_WALK_UNIT]);
  return thr;
}

/* SectorKernel.place */
LIKO_HD void lk_place(lk_cell* cells, int s, int product, int* counters, int cb, int nx, int ny,
                      int nz, int dirs, int shortZ, int inert) {
  cells[s] = (lk_cell)product;
  int z = s / (nx * ny);
  if (z >= shortZ) counters[cb + LK_C_SHORT]++;
  if (lk_touches_material(cells, s, nx, ny, nz, dirs, inert)) counters[cb + LK_C_INERT_TOUCHED]++;
  counters[cb + LK_C_HIGHEST] = lk_max(counters[cb + LK_C_HIGHEST], z);
}

/* SectorKernel.DIVIDE_LIMIT */
#define LK_DIVIDE_LIMIT (1LL << 30)

/* SectorKernel.divideShift: 30 + ceil(log2 d) */
LIKO_HD int lk_divide_shift(int d) {
  int bits = 0;
  for (int b = 0; b < 31; b++) {
    if ((1LL << bits) < d) bits++;
  }
  return 30 + bits;
}

/* SectorKernel.divideMagic: ceil(2^s / d) as an unsigned 32-bit pattern */
LIKO_HD int lk_divide_magic(int d) {
  int64_t s = lk_divide_shift(d);
  return (int)(uint32_t)(((1LL << s) + d - 1) / d);
}

/* SectorKernel.divide: floor(l / d) for 0 <= l < 2^30 */
LIKO_HD int lk_divide(int l, int magic, int shift) {
  return (int)(((uint64_t)(uint32_t)l * (uint64_t)(uint32_t)magic) >> shift);
}

/* SectorKernel.markDirtyNear: marks C_DIRTY the sector and the neighbours within range columns
 * of the columns an accepted event wrote (local offset lx, ly; a hop's target ex, ey further;
 * wide: all eight neighbours). */
LIKO_HD void lk_mark_dirty_near(const int* params, int* counters, int sector, int lx, int ly,
                                int ex, int ey, int wide, int w, int h) {
  int range = 2;
  if (params[LK_P_CONVERT_ON] != 0 && params[LK_P_MAX_RUN] + 1 > range) {
    range = params[LK_P_MAX_RUN] + 1;
  }
  int xLo = lk_min(lx, lx + ex);
  int xHi = lk_max(lx, lx + ex);
  int yLo = lk_min(ly, ly + ey);
  int yHi = lk_max(ly, ly + ey);
  int left = wide != 0 || xLo < range;
  int right = wide != 0 || xHi >= w - range;
  int down = wide != 0 || yLo < range;
  int up = wide != 0 || yHi >= h - range;
  int bx = params[LK_P_BLOCKS_X];
  int by = params[LK_P_SECTORS] / bx;
  int k = sector % bx;
  int j = sector / bx;
  int dyLo = by == 1 ? 0 : -1;
  int dyHi = by == 1 ? 0 : 1;
  for (int dy = dyLo; dy <= dyHi; dy++) {
    for (int dx = -1; dx <= 1; dx++) {
      int near = 1;
      if (dx < 0 && !left) near = 0;
      if (dx > 0 && !right) near = 0;
      if (dy < 0 && !down) near = 0;
      if (dy > 0 && !up) near = 0;
      if (near) {
        int s = lk_wrap(j + dy, by) * bx + lk_wrap(k + dx, bx);
        counters[s * LK_COUNTERS + LK_C_DIRTY] = 1;
      }
    }
  }
}

/* SectorKernel.attempt: attempt a of a sector's sweep on a site of the planes
 * bandLo .. bandLo + planes - 1; returns 1 when accepted. */
LIKO_HD int lk_attempt(lk_cell* cells, int* carriers, const int* flags, const int* params,
                       const int* sectors, int* counters, int sector, int colour, uint32_t c2,
                       uint32_t c3, int a, int bandLo, int planes, int mw, int sw, int mh,
                       int sh) {
  int nx = params[LK_P_NX];
  int ny = params[LK_P_NY];
  int nz = params[LK_P_NZ];
  int dirs = params[LK_P_DIRS];
  int product = params[LK_P_PRODUCT];
  int inert = params[LK_P_INERT];
  int fluid = params[LK_P_FLUID];
  int maxRun = params[LK_P_MAX_RUN];
  int shortZ = params[LK_P_SHORT_Z];
  int plane = nx * ny;
  int sb = sector * LK_SECTOR_INTS;
  int x0 = sectors[sb];
  int w = sectors[sb + 1] - x0;
  int y0 = sectors[sb + 2];
  int h = sectors[sb + 3] - y0;
  uint64_t n = (uint64_t)w * (uint64_t)h * (uint64_t)planes;
  int cb = sector * LK_COUNTERS;
  uint64_t index = (uint64_t)a * (uint64_t)params[LK_P_SECTORS] + (uint64_t)sector;
  uint32_t key0 = (uint32_t)params[LK_P_KEY0];
  uint32_t key1 = (uint32_t)params[LK_P_KEY1];
  uint32_t r[4];
  liko_philox4((uint32_t)index, liko_philox_counter1(index, colour, LK_STREAM_ATTEMPT), c2, c3,
               key0, key1, r);
  int l = (int)(((uint64_t)r[0] * n) >> 32);
  int q;
  int q2;
  if (sw > 0) {
    q = lk_divide(l, mw, sw);
    q2 = lk_divide(q, mh, sh);
  } else {
    q = l / w;
    q2 = q / h;
  }
  int sx = x0 + l - q * w;
  int sy = y0 + q - q2 * h;
  int sz = q2 + bandLo;
  int i = (sz * ny + sy) * nx + sx;
  int uType = (int)r[1];
  int uAccept = (int)r[2];
  int uExtra = (int)r[3];
  int type = LK_TYPES;
  for (int t = LK_TYPES - 1; t >= 0; t--) {
    if (lk_below(uType, params[LK_P_SPLIT + t])) type = t;
  }
  int accepted = 0;
  int ex = 0; /* lateral offset of a hop's target column (lk_mark_dirty_near) */
  int ey = 0;
  int wide = 0;
  if (type == LK_DEPOSIT) {
    int cls = lk_deposit_class_at(cells, flags, i, sx, sy, sz, nx, ny, nz, dirs, product);
    int go = 0;
    if (cls != LK_NONE && lk_below(uAccept, params[LK_P_DEP_THR + cls])) {
      go = 1;
      if (lk_deposit_kind(cls) == LK_UNDER_LAYER && !lk_can_lift(cells, flags, i, nx, ny, nz)) {
        go = 0;
      }
    }
    if (go != 0) {
      int res = lk_apply_deposit(cells, flags, i, nx, ny, nz, product, fluid,
                                 params[LK_P_CRACK + cls] != 0);
      accepted = 1;
      if (res >= 0 && (res & LK_CRACKED) != 0) counters[cb + LK_C_CRACKS]++;
      counters[cb + LK_C_DEPOSITS]++;
      if (i / plane >= shortZ) counters[cb + LK_C_SHORT]++;
      if (lk_touches_material(cells, i, nx, ny, nz, dirs, inert)) {
        counters[cb + LK_C_INERT_TOUCHED]++;
      }
    }
  }
  if (type == LK_DISSOLVE) {
    int dn = lk_dissolve_class_at(cells, flags, i, sx, sy, sz, nx, ny, nz, dirs, product);
    if (dn != LK_NONE && lk_below(uAccept, params[LK_P_DIS_THR + dn])) {
      cells[i] = (lk_cell)fluid; /* SiteRules.applyDissolve */
      accepted = 1;
      counters[cb + LK_C_DISSOLVES]++;
    }
  }
  if (type == LK_HOP) {
    if ((flags[cells[i] & LK_MATERIAL_MASK] & LK_MOBILE) != 0) {
      int move = (int)(((uint64_t)(uint32_t)uExtra * (uint64_t)(uint32_t)params[LK_P_MOVES]) >> 32);
      int jx = lk_wrap_step(sx, lk_move_dx(move, dirs), nx);
      int jy = lk_wrap_step(sy, lk_move_dy(move, dirs), ny);
      int jz = sz + lk_move_dz(move, dirs);
      int j = jz >= 0 && jz < nz ? (jz * ny + jy) * nx + jx : -1;
      int go = 0;
      if (lk_hop_move_allowed_at(cells, flags, i, j, move, jx, jy, jz, nx, ny, nz, dirs)) {
        int bonds = lk_solid_neighbours_at(cells, flags, i, sx, sy, sz, nx, ny, nz, dirs);
        int thr = LK_P_HOP_THR + 8 * lk_hop_row(cells, params, i, sz, plane) + bonds;
        if (params[LK_P_HOP_DOWN_ON] != 0 && lk_steps_down(move, dirs)) {
          thr += LK_P_HOP_DOWN_THR - LK_P_HOP_THR;
        }
        if (lk_below(uAccept, params[thr])) go = 1;
      }
      if (go != 0) {
        int res = lk_apply_hop(cells, flags, i, j, nx, ny, nz, dirs, product, fluid);
        accepted = 1;
        ex = lk_move_dx(move, dirs);
        ey = lk_move_dy(move, dirs);
        counters[cb + LK_C_HOPS]++;
        if (res == LK_HOP_PRODUCT && j / plane >= shortZ) counters[cb + LK_C_SHORT]++;
        if (res != LK_HOP_MOVED && lk_touches_material(cells, j, nx, ny, nz, dirs, inert)) {
          counters[cb + LK_C_INERT_TOUCHED]++;
        }
      }
    }
  }
  if (type == LK_CONVERT) {
    int run = lk_convert_scan(cells, flags, i, nx, ny, nz, dirs, product, params[LK_P_LAYER_A],
                              params[LK_P_LAYER_B], maxRun, 0);
    if (run != LK_NONE && lk_below(uAccept, params[LK_P_CONV_THR + run])) {
      int d = lk_convert_scan(cells, flags, i, nx, ny, nz, dirs, product, params[LK_P_LAYER_A],
                              params[LK_P_LAYER_B], maxRun, 1);
      int layer = params[LK_P_LAYER_B];
      if ((int)((uint32_t)uExtra >> 8) < params[LK_P_LAYER_SHARE]) layer = params[LK_P_LAYER_A];
      int fromCarrier = params[LK_P_FROM_CARRIER] != 0;
      lk_apply_convert(cells, flags, i, d, nx, ny, nz, layer, fromCarrier);
      accepted = 1;
      wide = 1;
      if (fromCarrier) {
        counters[cb + LK_C_CONV_CARRIER]++;
      } else {
        counters[cb + LK_C_CONV_SOLID]++;
      }
    }
  }
  if (type == LK_HEAL) {
    int hm = lk_heal_class(cells, flags, i, nx, ny, nz, product);
    if (hm != LK_NONE && lk_below(uAccept, params[LK_P_HEAL_THR + hm])) {
      lk_cell t = cells[i];
      cells[i] = cells[i + plane];
      cells[i + plane] = t;
      accepted = 1;
      counters[cb + LK_C_HEALS]++;
    }
  }
  if (type == LK_WALK) {
    int c = carriers[i];
    if (c > 0 && lk_below(uAccept, lk_walk_threshold(c, params))) {
      accepted = 1;
      wide = 1;
      counters[cb + LK_C_WALKS]++;
      int d = dirs - 1;
      for (int k = dirs - 2; k >= 0; k--) {
        if (lk_below(uExtra, params[LK_P_WALK_DIR + k])) d = k;
      }
      int j = lk_neighbour(i, d, nx, ny, nz);
      int s = i;
      if (j >= 0 && (flags[cells[j] & LK_MATERIAL_MASK] & LK_FLUID) != 0) {
        s = j;
        carriers[i]--;
        carriers[j]++;
      }
      int z = s / plane;
      if (z > params[LK_P_RELAUNCH_Z]) {
        carriers[s]--;
        counters[cb + LK_C_STRAYED]++;
      } else {
        int cls = lk_deposit_class(cells, flags, s, nx, ny, nz, dirs, product);
        if (cls != LK_NONE && lk_deposit_kind(cls) != LK_UNDER_LAYER) {
          liko_philox4((uint32_t)index, liko_philox_counter1(index, colour, LK_STREAM_REACT), c2,
                       c3, key0, key1, r);
          if (lk_below((int)r[0], params[LK_P_WALK_REACT + cls])) {
            carriers[s]--;
            lk_place(cells, s, product, counters, cb, nx, ny, nz, dirs, shortZ, inert);
            counters[cb + LK_C_REDUCED]++;
          }
        }
      }
    }
  }
  if (type == LK_DROP) {
    int col = i % plane;
    int z = lk_drop_z(cells, flags, col, nx, ny, nz, dirs, shortZ, params[LK_P_DROP_TOP_ONLY] != 0);
    accepted = 1;
    if (z > shortZ) {
      counters[cb + LK_C_DROPS_FULL]++;
      counters[cb + LK_C_SHORT]++;
    } else {
      lk_place(cells, z * plane + col, product, counters, cb, nx, ny, nz, dirs, shortZ, inert);
      counters[cb + LK_C_DROPS]++;
    }
  }
  /* other events write only the column of i */
  if (accepted != 0 && params[LK_P_BLOCKS_X] > 0) {
    lk_mark_dirty_near(params, counters, sector, sx - x0, sy - y0, ex, ey, wide, w, h);
  }
  return accepted;
}

/* SectorKernel.sweepSectorAt */
LIKO_HD void lk_sweep_sector(lk_cell* cells, int* carriers, const int* flags, const int* params,
                             const int* sectors, const int* attempts, int* counters, int sector,
                             int colour, uint32_t sweepLo, uint32_t sweepHi) {
  int cb = sector * LK_COUNTERS;
  int tries = attempts[sector];
  int bandLo = counters[cb + LK_C_BAND_LO];
  int planes = counters[cb + LK_C_BAND_HI] - bandLo + 1;
  int sb = sector * LK_SECTOR_INTS;
  int w = sectors[sb + 1] - sectors[sb];
  int h = sectors[sb + 3] - sectors[sb + 2];
  int mw = 0;
  int mh = 0;
  int sw = 0;
  int sh = 0;
  if (tries > 0 && (int64_t)w * h * planes < LK_DIVIDE_LIMIT) {
    mw = lk_divide_magic(w);
    sw = lk_divide_shift(w);
    mh = lk_divide_magic(h);
    sh = lk_divide_shift(h);
  }
  int accepted = 0;
  for (int a = 0; a < tries; a++) {
    accepted += lk_attempt(cells, carriers, flags, params, sectors, counters, sector, colour,
                           sweepLo, sweepHi, a, bandLo, planes, mw, sw, mh, sh);
  }
  counters[cb + LK_C_ATTEMPTS] += tries;
  counters[cb + LK_C_ACCEPTED] += accepted;
}

#endif /* LIKO_SECTOR_RULES_H */
