#!/usr/bin/env bash
# Builds .gpukit/ (git-ignored through .git/info/exclude): everything bench/gpu/check.sh needs on a
# GPU machine that has no Java and no network:
#   jre/                 a jlink'ed Java 17 runtime (only the modules liko.jar needs)
#   liko.jar             kmc-cli/target/liko.jar without the natives of other platforms
#   jcuda-natives.jar    only when liko.jar lacks JCuda's linux-x86_64 natives
#   ocl/lib/             the OpenCL ICD loader (libOpenCL.so.1, from Debian's ocl-icd-libopencl1)
#   ocl/vendors/         nvidia.icd -> libnvidia-opencl.so.1
#   KIT.txt              what was packed (git commit, dirty files, jar checksum, sizes)
# Env: KIT (default .gpukit), JDK17 (a JDK 17 home), NO_BUILD=1 (never run Maven; use the jar as
# it is), JAR (default kmc-cli/target/liko.jar), SLIM=0 (copy the jar verbatim), LIMIT_MIB
# (default 55).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
cd "$root"
kit="${KIT:-.gpukit}"
limit_mib="${LIMIT_MIB:-55}"
jar="${JAR:-kmc-cli/target/liko.jar}"

die() { echo "make-kit: $*" >&2; exit 1; }
say() { echo "make-kit: $*"; }
need() { command -v "$1" >/dev/null 2>&1 || die "'$1' not found; $2"; }
need unzip "install unzip"
need zip "install zip"

# --- the jar ----------------------------------------------------------------------------------
stale() {
  [[ -f "$jar" ]] || return 0
  [[ -n "$(find pom.xml ./*/pom.xml ./*/src -newer "$jar" -type f -print -quit 2>/dev/null)" ]]
}
if [[ "${NO_BUILD:-0}" != 1 ]] && stale; then
  say "building $jar (mvn -B -o -q -DskipTests install) ..."
  mvn -B -o -q -DskipTests install || die "build failed (NO_BUILD=1 packs the existing jar)"
fi
[[ -f "$jar" ]] || die "$jar is missing; build it with: mvn -B -o -q -DskipTests install"

# --- JDK 17 -----------------------------------------------------------------------------------
jdk="${JDK17:-}"
if [[ -z "$jdk" ]]; then
  for d in /usr/lib/jvm/*17*; do
    if [[ -x "$d/bin/jlink" && -f "$d/jmods/java.base.jmod" ]]; then
      jdk="$(cd "$d" && pwd -P)"
      break
    fi
  done
fi
[[ -n "$jdk" && -x "$jdk/bin/jlink" && -f "$jdk/jmods/java.base.jmod" ]] \
  || die "no JDK 17 with jlink and jmods under /usr/lib/jvm/*17*; set JDK17"
say "JDK: $jdk ($("$jdk/bin/java" -version 2>&1 | head -1))"

rm -rf "$kit"
mkdir -p "$kit"

# --- git: keep the kit out of the working tree's status -----------------------------------------
exclude="$(git rev-parse --git-path info/exclude)"
mkdir -p "$(dirname "$exclude")"
grep -qxF "/$kit/" "$exclude" 2>/dev/null || echo "/$kit/" >>"$exclude"

# --- liko.jar ---------------------------------------------------------------------------------
cp "$jar" "$kit/liko.jar"
entries="$(unzip -Z1 "$kit/liko.jar")"
main="$(unzip -p "$kit/liko.jar" META-INF/MANIFEST.MF | tr -d '\r' | sed -n 's/^Main-Class: *//p')"
[[ -n "$main" ]] || die "$jar has no Main-Class"
grep -qx 'linux/libaparapi_x86_64.so' <<<"$entries" \
  || say "WARNING: Aparapi's linux/libaparapi_x86_64.so is not in the jar: opencl will be unavailable"
# JCuda's PTX compiler library (its largest file) is dead weight when no liko class uses
# jcuda.nvptxcompiler
tmp="$(mktemp -d)"
unzip -q "$kit/liko.jar" 'org/liko/*' -d "$tmp"
ptx_used=0
grep -rlq 'jcuda/nvptxcompiler' "$tmp" && ptx_used=1
rm -rf "$tmp"
removed=()
if [[ "${SLIM:-1}" != 0 ]]; then
  # natives that cannot load on x86-64 Linux (Aparapi's win/osx/arm/x86, jline's other OSes)
  mapfile -t removed < <(grep -E '^(win|osx)/.|^linux/libaparapi_(aarch64|armhf|x86)\.so$|^org/jline/nativ/.+/.+/' <<<"$entries" \
    | grep -v '^org/jline/nativ/Linux/x86_64/' || true)
  ptx="$(grep -E '^lib/libJNvPTXCompiler-.*-linux-x86_64\.so$' <<<"$entries" || true)"
  [[ -n "$ptx" && $ptx_used == 0 ]] && removed+=("$ptx")
  if ((${#removed[@]})); then
    zip -q -d "$kit/liko.jar" "${removed[@]}" >/dev/null
  fi
fi
say "liko.jar: $(du -m "$jar" | cut -f1) MiB -> $(du -m "$kit/liko.jar" | cut -f1) MiB (${#removed[@]} foreign-platform/unused natives removed)"

# --- JCuda natives ----------------------------------------------------------------------------
if grep -qE '^lib/libJCudaDriver-.*-linux-x86_64\.so$' <<<"$entries"; then
  say "JCuda linux-x86_64 natives: in liko.jar ($(grep -E '^lib/libJCudaDriver' <<<"$entries"))"
else
  v="$(unzip -p "$kit/liko.jar" META-INF/maven/org.jcuda/jcuda/pom.properties 2>/dev/null \
    | sed -n 's/^version=//p' | tr -d '\r')"
  v="${v:-12.6.0}"
  nat="$HOME/.m2/repository/org/jcuda/jcuda-natives/$v/jcuda-natives-$v-linux-x86_64.jar"
  if [[ ! -f "$nat" ]]; then
    mvn -B -q dependency:get "-Dartifact=org.jcuda:jcuda-natives:$v:jar:linux-x86_64" \
      || say "WARNING: mvn dependency:get of jcuda-natives $v failed"
  fi
  [[ -f "$nat" ]] || die "JCuda natives are neither in liko.jar nor at $nat: cuda cannot load"
  cp "$nat" "$kit/jcuda-natives.jar"
  chmod u+w "$kit/jcuda-natives.jar"
  if [[ "${SLIM:-1}" != 0 && $ptx_used == 0 ]]; then
    zip -q -d "$kit/jcuda-natives.jar" 'lib/libJNvPTXCompiler-*' >/dev/null || true
  fi
  say "JCuda natives: not in liko.jar; added $nat as jcuda-natives.jar ($(du -m "$kit/jcuda-natives.jar" | cut -f1) MiB)"
fi

# --- jlink'ed runtime -------------------------------------------------------------------------
mods="$("$jdk/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 17 "$kit/liko.jar" | tail -1)"
[[ "$mods" =~ ^[a-z.,]+$ ]] || die "jdeps printed no module list: '$mods'"
mods="$mods,jdk.unsupported,java.desktop"
mods="$(tr ',' '\n' <<<"$mods" | sort -u | paste -sd, -)"
say "modules: $mods"
# headless only: no X11 toolkit, splash screen or sound (the remote has no X11 libraries anyway)
"$jdk/bin/jlink" --add-modules "$mods" --strip-debug --no-header-files --no-man-pages \
  --compress=2 --exclude-files='**/libawt_xawt.so,**/libsplashscreen.so,**/libjsound.so' \
  --output "$kit/jre"
# jlink keeps the native symbol tables (libjvm.so: 23 -> 19 MiB without them)
if command -v strip >/dev/null 2>&1; then
  find "$kit/jre" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec strip --strip-unneeded {} +
else
  say "WARNING: no 'strip' (binutils): the runtime keeps its native symbol tables (+4 MiB)"
fi
# plain files only (a carried folder may not keep links)
while IFS= read -r -d '' l; do
  t="$(readlink -f "$l")"
  rm "$l"
  cp -p "$t" "$l"
done < <(find "$kit/jre" -type l -print0)
"$kit/jre/bin/java" -Djava.awt.headless=true -jar "$kit/liko.jar" --version >/dev/null \
  || die "the jlink'ed runtime cannot start liko.jar"

# --- OpenCL ICD loader ------------------------------------------------------------------------
tmp="$(mktemp -d)"
# (apt's "download is performed unsandboxed as root" notice is noise here)
(cd "$tmp" && apt-get download ocl-icd-libopencl1 >"$tmp/apt.log" 2>&1) \
  || { cat "$tmp/apt.log" >&2; die "apt-get download ocl-icd-libopencl1 failed"; }
deb="$(ls "$tmp"/ocl-icd-libopencl1_*.deb)"
dpkg -x "$deb" "$tmp/x"
so="$(find "$tmp/x" -name 'libOpenCL.so.1*' -type f | head -1)"
[[ -n "$so" ]] || die "no libOpenCL.so.1 in $deb"
mkdir -p "$kit/ocl/lib" "$kit/ocl/vendors"
cp "$so" "$kit/ocl/lib/libOpenCL.so.1"
cp "$so" "$kit/ocl/lib/libOpenCL.so"
echo "libnvidia-opencl.so.1" >"$kit/ocl/vendors/nvidia.icd"
say "OpenCL loader: $(basename "$deb") -> $kit/ocl/lib/libOpenCL.so.1"
rm -rf "$tmp"

# --- record and size --------------------------------------------------------------------------
{
  echo "packed:   $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(hostname)"
  echo "commit:   $(git rev-parse --short HEAD) $(git log -1 --format=%s | cut -c1-80)"
  dirty="$(git status --short --untracked-files=no | wc -l)"
  echo "dirty:    $dirty tracked files modified at packing time"
  git status --short --untracked-files=no | sed 's/^/          /'
  echo "jar:      $(date -u -r "$jar" +%Y-%m-%dT%H:%M:%SZ) sha256 $(sha256sum "$jar" | cut -c1-16)"
  echo "main:     $main"
  echo "jdk:      $("$jdk/bin/java" -version 2>&1 | head -1)"
  echo "modules:  $mods"
  echo "removed:  ${#removed[@]} jar entries: ${removed[*]:-none}"
  echo "opencl:   $(basename "$deb")"
} >"$kit/KIT.txt"

bytes="$(find "$kit" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')"
mib="$(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1048576}')"
echo "size:     $mib MiB ($bytes bytes)" >>"$kit/KIT.txt"
du -sh "$kit"/* | sed 's/^/make-kit:   /'
say "total: $mib MiB in $kit (limit $limit_mib MiB; the working tree adds $(git ls-files -z | du -cb --files0-from=- | tail -1 | cut -f1) bytes)"
if awk -v m="$mib" -v l="$limit_mib" 'BEGIN {exit !(m > l)}'; then
  die "the kit is over $limit_mib MiB"
fi
say "ok; run on the GPU machine: bash bench/gpu/check.sh (with carry [\"$kit\"])"
