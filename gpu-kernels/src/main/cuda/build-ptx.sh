#!/bin/sh
# Regenerates the checked-in PTX resources from the .cu sources (see gpu-kernels/README.md) and
# records the hash of the sources they were built from (PtxResourceTest checks it).
# Run from the gpu-kernels directory: sh src/main/cuda/build-ptx.sh
set -eu
out=src/main/resources/org/liko/kernels
for cu in src/main/cuda/*.cu; do
  name=$(basename "$cu" .cu)
  nvcc -ptx -arch=compute_75 -o "$out/$name.ptx" "$cu"
  # CUDA 13 writes .version 9.0; relabel so CUDA 12.5+ drivers (PTX ISA 8.5) load it.
  sed -i 's/^\.version [0-9]*\.[0-9]*$/.version 8.5/' "$out/$name.ptx"
  for sm in sm_75 sm_80 sm_90; do
    ptxas -arch=$sm -o /dev/null "$out/$name.ptx"
  done
  echo "$out/$name.ptx: ok for sm_75 sm_80 sm_90"
done
# the sources, in a fixed order, as PtxResourceTest hashes them
cd src/main/cuda
cat philox.h sector_rules.h philox.cu sector.cu | sha256sum | cut -d' ' -f1 > "../../../$out/sources.sha256"
