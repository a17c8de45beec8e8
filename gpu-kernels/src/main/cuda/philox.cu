/*
 * Test kernel for the CUDA twin of org.liko.engine.rng.Philox: item i reads counter words
 * ctr[4i..4i+3] and key words key[2i..2i+1] and writes the four output words to out[4i..4i+3].
 * Compiled to PTX as documented in gpu-kernels/README.md.
 */
#include "philox.h"

extern "C" __global__ void philox_words(const uint32_t* __restrict__ ctr,
                                        const uint32_t* __restrict__ key,
                                        uint32_t* __restrict__ out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  uint32_t c0 = ctr[4 * i], c1 = ctr[4 * i + 1], c2 = ctr[4 * i + 2], c3 = ctr[4 * i + 3];
  uint32_t k0 = key[2 * i], k1 = key[2 * i + 1];
  for (int w = 0; w < 4; w++) {
    out[4 * i + w] = liko_philox(c0, c1, c2, c3, k0, k1, w);
  }
}
