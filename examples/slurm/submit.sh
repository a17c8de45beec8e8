#!/bin/bash
# Builds liko once, then submits a comparison as a Slurm array of N shards and its merge:
#
#   examples/slurm/submit.sh N OUT [liko compare options...]
#   e.g. examples/slurm/submit.sh 8 results/study --replicas 20 --lattice 256x128
#
# Run it from the checkout (on a shared file system the compute nodes see). Extra sbatch
# options (partition, account, time) go in SBATCH_* environment variables or LIKO_SBATCH.
set -euo pipefail
if (($# < 2)); then
  echo "usage: $0 N OUT [liko compare options...]" >&2
  exit 2
fi
n="$1"
out="$2"
shift 2
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
cd "$here"
# build now, on the login node, so that no task builds (the tasks run with LIKO_NO_BUILD=1)
./liko --version >/dev/null
mkdir -p "$out"
# shellcheck disable=SC2086
array=$(sbatch --parsable ${LIKO_SBATCH:-} --array="1-$n" --output="$out/slurm-%A_%a.out" \
  examples/slurm/compare.sbatch "$out" "$@")
array="${array%%;*}"
# shellcheck disable=SC2086
merge=$(sbatch --parsable ${LIKO_SBATCH:-} --dependency="afterok:$array" \
  --output="$out/slurm-merge-%j.out" examples/slurm/merge.sbatch "$out")
echo "submitted array $array ($n shards) and merge $merge; result: $out/merged/"
