/*
 * The parallel solver's passes as CUDA kernels (the cuda backend, CudaSweepEngine): one thread
 * per sector, the per-site rules and per-sector passes from sector_rules.h (the twin of
 * org.liko.engine.parallel.SectorKernel). Every kernel has the same parameter list, so the
 * engine launches any pass the same way; a pass uses the tables it needs and ignores the rest.
 * items: threads that do work; sector = g, or order[orderBase + g] for the sweep (the sectors
 * of one colour, listed consecutively by the engine).
 *
 * Compiled to PTX by build-ptx.sh (see gpu-kernels/README.md) and, for the host test, by g++
 * through src/test/c/sector_host.cpp, which runs the grid as a loop.
 */
#include "sector_rules.h"

#define LIKO_SECTOR_PARAMS                                                                      \
  lk_cell* __restrict__ cells, int* __restrict__ carriers, const int* __restrict__ flags,      \
      const int* __restrict__ params, const int* __restrict__ sectors,                         \
      const int* __restrict__ attempts, int* __restrict__ counters, int* __restrict__ hist,    \
      const int* __restrict__ order, const int* __restrict__ launch,                           \
      int* __restrict__ materials, int* __restrict__ tops, int items, int orderBase,           \
      int colour, unsigned int sweepLo, unsigned int sweepHi

#define LIKO_ITEM()                                   \
  int g = (int)(blockIdx.x * blockDim.x + threadIdx.x); \
  if (g >= items) return

extern "C" __global__ void liko_count(LIKO_SECTOR_PARAMS) {
  LIKO_ITEM();
  lk_count_sector(cells, carriers, flags, params, sectors, hist, counters, g);
}

extern "C" __global__ void liko_sweep(LIKO_SECTOR_PARAMS) {
  LIKO_ITEM();
  lk_sweep_sector(cells, carriers, flags, params, sectors, attempts, counters,
                  order[orderBase + g], colour, sweepLo, sweepHi);
}

extern "C" __global__ void liko_launch(LIKO_SECTOR_PARAMS) {
  LIKO_ITEM();
  lk_launch_sector(carriers, params, sectors, launch, g);
}

extern "C" __global__ void liko_fill_seed(LIKO_SECTOR_PARAMS) {
  LIKO_ITEM();
  lk_fill_seed_sector(cells, flags, params, sectors, g);
}

extern "C" __global__ void liko_fill_grow(LIKO_SECTOR_PARAMS) {
  LIKO_ITEM();
  lk_fill_grow_sector(cells, flags, params, sectors, counters, g);
}

extern "C" __global__ void liko_fill_label(LIKO_SECTOR_PARAMS) {
  LIKO_ITEM();
  lk_fill_label_sector(cells, params, sectors, counters, g);
}

extern "C" __global__ void liko_observe(LIKO_SECTOR_PARAMS) {
  LIKO_ITEM();
  lk_observe_sector(cells, params, sectors, materials, tops, g);
}
