/*
 * Host build of the cuda backend's kernels (src/main/cuda/sector.cu) for CudaHostKernelTest: a
 * small shim defines the CUDA built-ins a kernel reads (blockIdx, blockDim, threadIdx) and runs
 * each launch as a loop over its grid, one thread at a time, so the kernels' own sources run
 * under g++ in `mvn -B verify` on machines without a GPU. The Java side (HostKernelDevice)
 * drives it through a little-endian binary protocol on stdin/stdout:
 *   'A' h:i32 bytes:i64        allocate (zeroed) buffer h, replacing an old one
 *   'F' h:i32                  free buffer h
 *   'W' h:i32 bytes:i64 data   write the first bytes of h
 *   'R' h:i32 bytes:i64        reply the first bytes of h
 *   'K' kernel:i32 grid:i32 block:i32 h[12]:i32 (-1 = none) ints[5]:i32
 *                              launch kernel number (0..6, LIKO_KERNELS order); reply 'k'
 *   'C'                        reply the constants (count, then values) for the drift check
 *   'Q'                        quit
 * Any protocol error exits with status 2 and a message on stderr.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct lk_dim3 {
  unsigned int x, y, z;
};
static lk_dim3 blockIdx, blockDim, threadIdx;
#define __global__

#include "sector.cu"

typedef void (*lk_kernel)(LIKO_SECTOR_PARAMS);
static const lk_kernel LIKO_KERNELS[] = {liko_count, liko_sweep, liko_launch, liko_fill_seed,
                                         liko_fill_grow, liko_fill_label, liko_observe};

#define MAX_BUFFERS 64
static void* buffers[MAX_BUFFERS];
static int64_t sizes[MAX_BUFFERS];

static void die(const char* what) {
  fprintf(stderr, "sector_host: %s\n", what);
  exit(2);
}

static void readn(void* p, size_t n) {
  if (n > 0 && fread(p, 1, n, stdin) != n) die("short read on stdin");
}

static int32_t read_i32(void) {
  uint8_t b[4];
  readn(b, 4);
  return (int32_t)((uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24);
}

static int64_t read_i64(void) {
  uint64_t lo = (uint32_t)read_i32();
  uint64_t hi = (uint32_t)read_i32();
  return (int64_t)(lo | hi << 32);
}

static void write_i32(int32_t v) {
  uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
  fwrite(b, 1, 4, stdout);
}

static int handle(void) {
  int32_t h = read_i32();
  if (h < 0 || h >= MAX_BUFFERS) die("buffer handle out of range");
  return h;
}

static void* buffer_or_null(int32_t h) {
  if (h < 0) return NULL;
  if (h >= MAX_BUFFERS || buffers[h] == NULL) die("kernel argument names no buffer");
  return buffers[h];
}

int main(void) {
  int c;
  while ((c = getchar()) != EOF) {
    if (c == 'A') {
      int h = handle();
      int64_t n = read_i64();
      free(buffers[h]);
      buffers[h] = calloc((size_t)(n > 0 ? n : 1), 1);
      if (buffers[h] == NULL) die("out of memory");
      sizes[h] = n;
    } else if (c == 'F') {
      int h = handle();
      free(buffers[h]);
      buffers[h] = NULL;
      sizes[h] = 0;
    } else if (c == 'W' || c == 'R') {
      int h = handle();
      int64_t n = read_i64();
      if (buffers[h] == NULL || n < 0 || n > sizes[h]) die("copy outside its buffer");
      if (c == 'W') {
        readn(buffers[h], (size_t)n);
      } else {
        fwrite(buffers[h], 1, (size_t)n, stdout);
        fflush(stdout);
      }
    } else if (c == 'K') {
      int32_t k = read_i32();
      int32_t grid = read_i32();
      int32_t block = read_i32();
      int32_t h[12];
      int32_t v[5];
      for (int a = 0; a < 12; a++) h[a] = read_i32();
      for (int a = 0; a < 5; a++) v[a] = read_i32();
      if (k < 0 || k >= (int32_t)(sizeof LIKO_KERNELS / sizeof LIKO_KERNELS[0])) die("no such kernel");
      blockDim.x = (unsigned)block;
      for (int32_t b = 0; b < grid; b++) {
        blockIdx.x = (unsigned)b;
        for (int32_t t = 0; t < block; t++) {
          threadIdx.x = (unsigned)t;
          LIKO_KERNELS[k]((lk_cell*)buffer_or_null(h[0]), (int*)buffer_or_null(h[1]),
                          (const int*)buffer_or_null(h[2]), (const int*)buffer_or_null(h[3]),
                          (const int*)buffer_or_null(h[4]), (const int*)buffer_or_null(h[5]),
                          (int*)buffer_or_null(h[6]), (int*)buffer_or_null(h[7]),
                          (const int*)buffer_or_null(h[8]), (const int*)buffer_or_null(h[9]),
                          (int*)buffer_or_null(h[10]), (int*)buffer_or_null(h[11]), v[0], v[1],
                          v[2], (unsigned)v[3], (unsigned)v[4]);
        }
      }
      putchar('k');
      fflush(stdout);
    } else if (c == 'C') {
      const int32_t constants[] = {
          LK_MATERIAL_MASK, LK_CARRIER_BIT, LK_MARK_BIT, LK_MAX_MATERIALS, LK_FLUID,
          LK_ELECTRONIC, LK_DEPOSIT_ON, LK_CARRIER_CONDUCTOR, LK_MOBILE, LK_FIXED, LK_INERT,
          LK_UP, LK_DOWN, LK_NONE, LK_ON_PRODUCT, LK_ON_FOREIGN, LK_UNDER_LAYER,
          LK_MAX_STRESS_LEVEL, LK_DEPOSIT_CLASSES, LK_CRACKED, LK_HOP_MOVED, LK_HOP_PRODUCT,
          LK_HOP_RECONNECTED, LK_PASS_COUNT, LK_PASS_SWEEP, LK_PASS_LAUNCH, LK_PASS_FILL_SEED,
          LK_PASS_FILL_GROW, LK_PASS_FILL_LABEL, LK_PASS_OBSERVE, LK_DEPOSIT, LK_DISSOLVE,
          LK_HOP, LK_CONVERT, LK_HEAL, LK_WALK, LK_DROP, LK_TYPES, LK_STREAM_ATTEMPT,
          LK_STREAM_REACT, LK_SECTOR_INTS, LK_P_NX, LK_P_NY, LK_P_NZ, LK_P_DIRS, LK_P_PRODUCT,
          LK_P_INERT, LK_P_FLUID, LK_P_LAYER_A, LK_P_LAYER_B, LK_P_MAX_RUN, LK_P_LAYER_SHARE,
          LK_P_FROM_CARRIER, LK_P_SHORT_Z, LK_P_KEY0, LK_P_KEY1, LK_P_SECTORS, LK_P_CONVERT_ON,
          LK_P_HOP_ON, LK_P_MOVES, LK_P_HEAL_ON, LK_P_SPLIT, LK_P_WALK_MAX, LK_P_WALK_UNIT,
          LK_P_RELAUNCH_Z, LK_P_DROP_TOP_ONLY, LK_P_WALK_ON, LK_P_BASE, LK_P_BAND, LK_P_BLOCKS_X,
          LK_P_KEEP_CLEAN, LK_P_TOP_SKIP, LK_P_HOP_DOWN_ON, LK_P_MATERIAL_IDS, LK_HOP_ROWS, LK_P_DEP_THR,
          LK_P_CRACK, LK_P_DIS_THR, LK_P_HOP_THR, LK_P_HOP_DOWN_THR, LK_P_HEAL_THR, LK_P_WALK_DIR,
          LK_P_WALK_REACT, LK_P_HOP_ROW, LK_P_CONV_THR, LK_H_DEP, LK_H_DIS, LK_H_HOP, LK_H_HEAL, LK_H_CONV,
          LK_C_ATTEMPTS, LK_C_ACCEPTED, LK_C_DEPOSITS, LK_C_DISSOLVES, LK_C_HOPS,
          LK_C_CONV_CARRIER, LK_C_CONV_SOLID, LK_C_SHORT, LK_C_INERT_TOUCHED, LK_C_CRACKS,
          LK_C_HEALS, LK_C_WALKS, LK_C_REDUCED, LK_C_STRAYED, LK_C_DROPS, LK_C_DROPS_FULL,
          LK_C_MAX_CARRIERS, LK_C_HIGHEST, LK_C_FILL_CHANGED, LK_C_BAND_LO, LK_C_BAND_HI,
          LK_C_DIRTY, LK_C_ACTIVE_TOP, LK_COUNTERS};
      int32_t n = (int32_t)(sizeof constants / sizeof constants[0]);
      write_i32(n);
      for (int32_t a = 0; a < n; a++) write_i32(constants[a]);
      fflush(stdout);
    } else if (c == 'Q') {
      return 0;
    } else {
      die("unknown command");
    }
  }
  return 0;
}
