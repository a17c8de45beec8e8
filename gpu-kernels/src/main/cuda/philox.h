/*
 * Philox4x32-10 (J. K. Salmon, M. A. Moraes, R. O. Dror, D. E. Shaw, "Parallel random numbers:
 * as easy as 1, 2, 3", SC'11, 2011; Random123 philox4x32_10) for CUDA device code and for host
 * C/C++. It is the twin of org.liko.engine.rng.Philox#philox4 and must return the same words;
 * PhiloxHeaderTest compiles this header with gcc and compares against the Java function, and
 * the counter layout is documented in the Java class.
 */
#ifndef LIKO_PHILOX_H
#define LIKO_PHILOX_H

#include <stdint.h>

#ifdef __CUDACC__
#define LIKO_HD static __host__ __device__ __forceinline__
#else
#define LIKO_HD static inline
#endif

#define LIKO_PHILOX_M0 0xD2511F53u
#define LIKO_PHILOX_M1 0xCD9E8D57u
#define LIKO_PHILOX_W0 0x9E3779B9u
#define LIKO_PHILOX_W1 0xBB67AE85u

/* The four output words of philox4x32_10({c0..c3}, {k0, k1}) into out[0..3]: the one
 * implementation of the rounds (the twin of Philox#philox4). */
LIKO_HD void liko_philox4(uint32_t c0, uint32_t c1, uint32_t c2, uint32_t c3,
                          uint32_t k0, uint32_t k1, uint32_t out[4]) {
  uint32_t x0 = c0, x1 = c1, x2 = c2, x3 = c3;
  for (int round = 0; round < 10; round++) {
    /* unsigned 32x32->64 products: no overflow, no undefined behaviour */
    uint64_t p0 = (uint64_t)LIKO_PHILOX_M0 * (uint64_t)x0;
    uint64_t p1 = (uint64_t)LIKO_PHILOX_M1 * (uint64_t)x2;
    uint32_t hi0 = (uint32_t)(p0 >> 32), lo0 = (uint32_t)p0;
    uint32_t hi1 = (uint32_t)(p1 >> 32), lo1 = (uint32_t)p1;
    x0 = hi1 ^ x1 ^ k0;
    x1 = lo1;
    x2 = hi0 ^ x3 ^ k1;
    x3 = lo0;
    k0 += LIKO_PHILOX_W0; /* unsigned: wraps modulo 2^32 */
    k1 += LIKO_PHILOX_W1;
  }
  out[0] = x0;
  out[1] = x1;
  out[2] = x2;
  out[3] = x3;
}

/* Output word `which` (0..3; anything else gives word 0) of philox4x32_10({c0..c3}, {k0, k1}). */
LIKO_HD uint32_t liko_philox(uint32_t c0, uint32_t c1, uint32_t c2, uint32_t c3,
                             uint32_t k0, uint32_t k1, int which) {
  uint32_t w[4];
  liko_philox4(c0, c1, c2, c3, k0, k1, w);
  return which >= 1 && which <= 3 ? w[which] : w[0];
}

/* Counter word c1 of the layout in org.liko.engine.rng.Philox: index bits 32..47 in bits 0..15,
 * colour in bits 16..19, stream in bits 20..31. */
LIKO_HD uint32_t liko_philox_counter1(uint64_t index, uint32_t colour, uint32_t stream) {
  return (uint32_t)((index >> 32) & 0xFFFFu) | ((colour & 0xFu) << 16) | ((stream & 0xFFFu) << 20);
}

#endif /* LIKO_PHILOX_H */
