/* Host driver for PhiloxHeaderTest: reads lines "c0 c1 c2 c3 k0 k1" (hex) from stdin and prints
 * the four philox4x32_10 words of each, in hex, one line per block; then, for lines
 * "L index colour stream" it prints liko_philox_counter1. */
#include <inttypes.h>
#include <stdio.h>
#include "philox.h"

int main(void) {
  char tag[2];
  while (scanf("%1s", tag) == 1) {
    if (tag[0] == 'P') {
      uint32_t c[4], k[2];
      if (scanf("%" SCNx32 " %" SCNx32 " %" SCNx32 " %" SCNx32 " %" SCNx32 " %" SCNx32,
                &c[0], &c[1], &c[2], &c[3], &k[0], &k[1]) != 6) return 2;
      for (int w = 0; w < 4; w++) {
        printf(w ? " %08" PRIx32 : "%08" PRIx32, liko_philox(c[0], c[1], c[2], c[3], k[0], k[1], w));
      }
      printf("\n");
    } else if (tag[0] == 'L') {
      uint64_t index;
      uint32_t colour, stream;
      if (scanf("%" SCNx64 " %" SCNx32 " %" SCNx32, &index, &colour, &stream) != 3) return 2;
      printf("%08" PRIx32 "\n", liko_philox_counter1(index, colour, stream));
    } else {
      return 3;
    }
  }
  return 0;
}
