#!/usr/bin/env bash
# Checks liko's GPU backends on a machine with an NVIDIA GPU, from the repository root:
#   a. `liko backends`
#   b. bitwise: each bench/gpu/scenarios/*.yaml on each of $BACKENDS vs $REF (final.vti,
#      final.xyz and timeseries.csv byte for byte, summary.json without its execution fields)
#   c. bench: site attempts/s of each backend on a 2D and a 3D lattice
# Every step reports and goes on; an unavailable backend is a result, not a stop.
# Output: $OUT/check.log (everything, with a summary at the end) and $OUT/bench.json.
# Java: $JAVA, else .gpukit/jre/bin/java (bench/gpu/make-kit.sh), else java on PATH.
# Env (defaults): OUT=./gpu-out, BACKENDS="cuda opencl cpu-parallel", REF=cpu-parallel,
#   SEED=20261125, BENCH_BACKENDS=$BACKENDS, BENCH_2D=4096x4096, SWEEPS_2D=300,
#   BENCH_3D=512x512x256, SWEEPS_3D=60, BENCH_THREADS=$(nproc), RUN_TIMEOUT=90 (s per run),
#   BENCH_TIMEOUT=90 (s per bench), DEADLINE_S=330 (no step starts after this), KIT=.gpukit,
#   JAR (default $KIT/liko.jar, else kmc-cli/target/liko.jar), LIKO_JAVA_OPTS, WORK (scratch),
#   SCENARIOS (default bench/gpu/scenarios/*.yaml).
set -u

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
cd "$root" || exit 1
OUT="${OUT:-./gpu-out}"
mkdir -p "$OUT" && OUT="$(cd "$OUT" && pwd -P)" || exit 1
KIT="${KIT:-.gpukit}"
[[ "$KIT" == /* ]] || KIT="$root/$KIT"
BACKENDS="${BACKENDS:-cuda opencl cpu-parallel}"
REF="${REF:-cpu-parallel}"
SEED="${SEED:-20261125}"
BENCH_BACKENDS="${BENCH_BACKENDS:-$BACKENDS}"
BENCH_2D="${BENCH_2D:-4096x4096}"
SWEEPS_2D="${SWEEPS_2D:-300}"
BENCH_3D="${BENCH_3D:-512x512x256}"
SWEEPS_3D="${SWEEPS_3D:-60}"
BENCH_THREADS="${BENCH_THREADS:-$(nproc 2>/dev/null || echo 0)}"
RUN_TIMEOUT="${RUN_TIMEOUT:-90}"
BENCH_TIMEOUT="${BENCH_TIMEOUT:-90}"
DEADLINE_S="${DEADLINE_S:-330}"
WORK="${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/liko-gpu.XXXXXX")}"
mkdir -p "$WORK"
SCENARIOS="${SCENARIOS:-$(ls bench/gpu/scenarios/*.yaml | tr '\n' ' ')}"
PY="$(command -v python3 || true)"

summary=()   # result lines, printed again at the end

hr() { printf '\n== %s  [t=%ss]\n' "$*" "$SECONDS"; }
# seconds for the next step: min(wanted, time left before the deadline); 0 when too late
budget() {
  local left=$((DEADLINE_S - SECONDS))
  if ((left < 10)); then echo 0; elif (($1 < left)); then echo "$1"; else echo "$left"; fi
}
lastlines() { tail -n "${2:-4}" "$1" 2>/dev/null | sed 's/^/      | /'; }

# --- Java and the jar ---------------------------------------------------------------------------
setup_java() {
  if [[ -z "${JAVA:-}" ]]; then
    if [[ -f "$KIT/jre/bin/java" ]]; then
      JAVA="$KIT/jre/bin/java"
      # a copied kit may lose its executable bits
      [[ -x "$JAVA" ]] || chmod +x "$KIT"/jre/bin/* "$KIT"/jre/lib/jspawnhelper "$KIT"/jre/lib/jexec 2>/dev/null
    else
      JAVA="$(command -v java || true)"
    fi
  elif [[ "$JAVA" != */* ]]; then
    JAVA="$(command -v "$JAVA" || echo "$JAVA")"
  fi
  if [[ -z "${JAR:-}" ]]; then
    if [[ -f "$KIT/liko.jar" ]]; then JAR="$KIT/liko.jar"; else JAR=kmc-cli/target/liko.jar; fi
  fi
  CP="$JAR"
  [[ -f "$KIT/jcuda-natives.jar" ]] && CP="$CP:$KIT/jcuda-natives.jar"
  MAIN=org.liko.cli.Main
  if [[ -n "$PY" && -f "$JAR" ]]; then
    m="$("$PY" - "$JAR" <<'EOF'
import sys, zipfile
for line in zipfile.ZipFile(sys.argv[1]).read("META-INF/MANIFEST.MF").decode().splitlines():
    if line.startswith("Main-Class:"):
        print(line.split(":", 1)[1].strip())
EOF
)"
    [[ -n "$m" ]] && MAIN="$m"
  fi
  echo "java: ${JAVA:-none}"
  echo "jar:  $JAR (class path $CP, main $MAIN)"
  [[ -f "$KIT/KIT.txt" ]] && sed 's/^/kit:  /' "$KIT/KIT.txt"
  if [[ -z "$JAVA" || ! -x "$JAVA" || ! -f "$JAR" ]]; then
    echo "NO JAVA OR NO JAR: nothing can run (make the kit with bench/gpu/make-kit.sh, or set JAVA/JAR)"
    return 1
  fi
  "$JAVA" -version 2>&1 | sed 's/^/      /'
}

# liko TIMEOUT ARGS...: runs liko under timeout (TERM, then KILL 10 s later)
liko() {
  local t="$1"; shift
  # shellcheck disable=SC2086  # LIKO_JAVA_OPTS is split on spaces on purpose
  timeout -k 10 "$t" "$JAVA" -Djava.awt.headless=true ${LIKO_JAVA_OPTS:-} -cp "$CP" "$MAIN" "$@"
}

# --- GPU, driver libraries, OpenCL --------------------------------------------------------------
# find_lib NAME: sets LIB to the path of a library, from the loader cache or the usual driver
# folders; a folder outside the loader's search path is added to LD_LIBRARY_PATH
find_lib() {
  local name="$1" p d
  LIB=""
  p="$(ldconfig -p 2>/dev/null | awk -v n="$name" '$1 == n && /x86-64/ {print $NF; exit}')"
  if [[ -n "$p" && -e "$p" ]]; then LIB="$p"; return 0; fi
  for d in /usr/local/nvidia/lib64 /usr/lib/x86_64-linux-gnu /usr/lib64 /usr/local/nvidia/lib \
    /usr/lib/x86_64-linux-gnu/nvidia/current /usr/local/cuda/compat /usr/local/cuda/lib64; do
    if [[ -e "$d/$name" ]]; then
      case ":${LD_LIBRARY_PATH:-}:" in *":$d:"*) ;; *) export LD_LIBRARY_PATH="${LD_LIBRARY_PATH:+$LD_LIBRARY_PATH:}$d" ;; esac
      LIB="$d/$name"
      return 0
    fi
  done
  p="$(timeout 20 find / -xdev \( -path /proc -o -path /sys \) -prune -o -name "$name" -print 2>/dev/null | head -1)"
  if [[ -n "$p" ]]; then
    d="$(dirname "$p")"
    export LD_LIBRARY_PATH="${LD_LIBRARY_PATH:+$LD_LIBRARY_PATH:}$d"
    LIB="$p"
    return 0
  fi
  return 1
}

setup_gpu() {
  echo "host: $(uname -srm), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
  if command -v nvidia-smi >/dev/null 2>&1; then
    timeout 30 nvidia-smi --query-gpu=index,name,driver_version,memory.total,compute_cap \
      --format=csv 2>&1 | sed 's/^/  /'
    timeout 30 nvidia-smi 2>&1 | sed 's/^/  /'
  else
    echo "nvidia-smi: not found"
  fi
  ls /dev/nvidia* 2>/dev/null | tr '\n' ' '; echo
  local ocl
  if find_lib libcuda.so.1; then echo "libcuda.so.1: $LIB"
  else echo "libcuda.so.1: NOT FOUND (cuda will be unavailable)"; fi
  if find_lib libnvidia-opencl.so.1; then echo "libnvidia-opencl.so.1: $LIB"
  else echo "libnvidia-opencl.so.1: NOT FOUND (opencl will see no NVIDIA device)"; fi
  ocl="$LIB"
  # the ICD loader: the kit's (Debian ocl-icd) first, else the system's
  if [[ -f "$KIT/ocl/lib/libOpenCL.so.1" ]]; then
    export LD_LIBRARY_PATH="$KIT/ocl/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    echo "libOpenCL.so.1: $KIT/ocl/lib/libOpenCL.so.1 (kit)"
  else
    echo "libOpenCL.so.1: $(ldconfig -p 2>/dev/null | awk '$1 == "libOpenCL.so.1" {print $NF; exit}') (system)"
  fi
  if [[ -n "${OCL_ICD_VENDORS:-}" ]]; then
    echo "OCL_ICD_VENDORS: $OCL_ICD_VENDORS (given)"
  elif [[ -n "$ocl" ]]; then
    mkdir -p "$WORK/icd"
    echo "$ocl" >"$WORK/icd/nvidia.icd"
    export OCL_ICD_VENDORS="$WORK/icd"
    echo "OCL_ICD_VENDORS: $OCL_ICD_VENDORS (nvidia.icd -> $ocl)"
  elif ls /etc/OpenCL/vendors/*.icd >/dev/null 2>&1; then
    echo "OCL_ICD_VENDORS: unset; the system's /etc/OpenCL/vendors: $(cat /etc/OpenCL/vendors/*.icd | tr '\n' ' ')"
  elif [[ -d "$KIT/ocl/vendors" ]]; then
    export OCL_ICD_VENDORS="$KIT/ocl/vendors"
    echo "OCL_ICD_VENDORS: $OCL_ICD_VENDORS (kit)"
  fi
  echo "LD_LIBRARY_PATH: ${LD_LIBRARY_PATH:-}"
}

# --- b. bitwise runs ----------------------------------------------------------------------------
# compare REFDIR DIR: prints OK, or the differing files and what differs; exit 0 when equal
compare() {
  if [[ -z "$PY" ]]; then
    local f bad=()
    for f in final.vti final.xyz timeseries.csv; do cmp -s "$1/$f" "$2/$f" || bad+=("$f"); done
    local strip='"(wallTime_s|eventsPerSecond|sweepWallTime_s|siteAttemptsPerSecond|backend|threads|depositedPerWallHour_mAh_cm2|depositedPerWallHourPer1um2_mAh_cm2|[^"]*[Dd]evice[^"]*)" :'
    diff <(grep -vE "$strip" "$1/summary.json") <(grep -vE "$strip" "$2/summary.json") >/dev/null || bad+=(summary.json)
    if ((${#bad[@]})); then echo "${bad[*]}"; return 1; fi
    echo OK; return 0
  fi
  "$PY" - "$1" "$2" <<'EOF'
import json, os, sys
ref, got = sys.argv[1], sys.argv[2]
EXEC = {"wallTime_s", "eventsPerSecond", "sweepWallTime_s", "siteAttemptsPerSecond", "backend",
        "device", "threads", "deviceBytesPerSite", "depositedPerWallHour_mAh_cm2",
        "depositedPerWallHourPer1um2_mAh_cm2"}
def read(d, f):
    p = os.path.join(d, f)
    return open(p, "rb").read() if os.path.exists(p) else None
def strip(o):
    if isinstance(o, dict):
        return {k: strip(v) for k, v in o.items() if k not in EXEC and "device" not in k.lower()}
    if isinstance(o, list):
        return [strip(v) for v in o]
    return o
bad, notes = [], []
for f in ("final.vti", "final.xyz", "timeseries.csv"):
    a, b = read(ref, f), read(got, f)
    if a is None or b is None:
        bad.append(f); notes.append(f"{f}: missing in {'reference' if a is None else 'this run'}")
    elif a != b:
        bad.append(f)
        i = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        line = a[:i].count(b"\n") + 1
        notes.append(f"{f}: {len(a)} vs {len(b)} bytes, first difference at byte {i} (line {line})")
        if f == "timeseries.csv":
            la, lb = a.decode().splitlines(), b.decode().splitlines()
            if line <= len(la) and line <= len(lb):
                notes.append(f"  ref: {la[line - 1][:200]}")
                notes.append(f"  got: {lb[line - 1][:200]}")
a, b = read(ref, "summary.json"), read(got, "summary.json")
if a is None or b is None:
    bad.append("summary.json"); notes.append("summary.json: missing")
else:
    sa, sb = strip(json.loads(a)), strip(json.loads(b))
    if sa != sb:
        bad.append("summary.json")
        def flat(o, p=""):
            if isinstance(o, dict):
                for k, v in o.items():
                    yield from flat(v, f"{p}.{k}" if p else k)
            else:
                yield p, o
        fa, fb = dict(flat(sa)), dict(flat(sb))
        for k in sorted(set(fa) | set(fb)):
            if fa.get(k, "<absent>") != fb.get(k, "<absent>"):
                notes.append(f"summary.json {k}: ref {fa.get(k, '<absent>')!r} got {fb.get(k, '<absent>')!r}")
print(", ".join(bad) if bad else "OK")
for n in notes[:25]:
    print("      | " + n)
sys.exit(1 if bad else 0)
EOF
}

bitwise() {
  local scen name b d t rc t0 order=("$REF") cmpout
  for b in $BACKENDS; do [[ "$b" == "$REF" ]] || order+=("$b"); done
  declare -gA RC=()
  for scen in $SCENARIOS; do
    name="$(basename "$scen" .yaml)"
    for b in "${order[@]}"; do
      d="$WORK/$b/$name"
      rm -rf "$d"; mkdir -p "$WORK/$b"
      t="$(budget "$RUN_TIMEOUT")"
      if ((t == 0)); then
        RC[$b/$name]=skip
        echo "run $name on $b: SKIPPED (deadline ${DEADLINE_S}s)"
        continue
      fi
      t0=$SECONDS
      liko "$t" run "$scen" --solver parallel --backend "$b" --seed "$SEED" --no-plots \
        --out "$d" --quiet >"$d.out" 2>"$d.err"
      rc=$?
      RC[$b/$name]=$rc
      echo "run $name on $b: exit $rc in $((SECONDS - t0)) s  $(grep -m1 '^solver' "$d.out" | sed 's/  */ /g')$(grep -m1 -o '"device" : .*[^,]' "$d/summary.json" 2>/dev/null | sed 's/^"device" : /; device /')"
      ((rc == 0)) || lastlines "$d.err" 6
    done
    for b in "${order[@]:1}"; do
      rc="${RC[$b/$name]}"
      if [[ "$rc" == skip ]]; then
        summary+=("SKIPPED        $name $b (deadline)")
      elif [[ "$rc" != 0 ]]; then
        local why="exit $rc"
        ((rc == 3)) && why="exit 3: backend unavailable"
        ((rc == 124 || rc == 137)) && why="exit $rc: timed out"
        summary+=("FAILED         $name $b ($why) $(grep -v '^\s*$' "$WORK/$b/$name.err" | tail -n 1 | cut -c1-200)")
        echo "FAILED         $name $b ($why)"
      elif [[ "${RC[$REF/$name]}" != 0 ]]; then
        summary+=("NO REFERENCE   $name $b (ran; $REF exit ${RC[$REF/$name]})")
        echo "NO REFERENCE   $name $b ($REF exit ${RC[$REF/$name]})"
      else
        cmpout="$(compare "$WORK/$REF/$name" "$WORK/$b/$name")"
        if [[ $? == 0 ]]; then
          summary+=("BITWISE OK     $name $b vs $REF")
          echo "BITWISE OK     $name $b vs $REF"
        else
          summary+=("DIFFERS        $name $b vs $REF: $(head -1 <<<"$cmpout")")
          echo "DIFFERS        $name $b vs $REF: $cmpout"
        fi
      fi
    done
  done
}

# --- c. bench -----------------------------------------------------------------------------------
bench() {
  local lat n b t rc t0 f files=()
  : >"$WORK/bench-table.txt"
  for spec in "$BENCH_2D:$SWEEPS_2D" "$BENCH_3D:$SWEEPS_3D"; do
    lat="${spec%%:*}"; n="${spec##*:}"
    for b in $BENCH_BACKENDS; do
      f="$WORK/bench-$b-$lat"
      t="$(budget "$BENCH_TIMEOUT")"
      if ((t == 0)); then
        echo "bench $b $lat: SKIPPED (deadline ${DEADLINE_S}s)"
        echo "skip" >"$f.rc"; files+=("$f"); continue
      fi
      t0=$SECONDS
      liko "$t" bench --backend "$b" --solver parallel --lattice "$lat" --sweeps "$n" \
        --threads "$BENCH_THREADS" --seed "$SEED" --json >"$f.json" 2>"$f.err"
      rc=$?
      echo "$rc" >"$f.rc"; files+=("$f")
      echo "bench $b $lat $n sweeps: exit $rc in $((SECONDS - t0)) s$( ((rc == 0)) && grep -m1 -o '"siteAttemptsPerSecond" : [^,]*' "$f.json" | sed 's/"siteAttemptsPerSecond" :/, site attempts\/s/')"
      ((rc == 0)) || lastlines "$f.err" 6
    done
  done
  if [[ -z "$PY" ]]; then
    { echo "["; for f in "${files[@]}"; do cat "$f.json" 2>/dev/null; echo ","; done; echo "]"; } >"$OUT/bench.json"
    return
  fi
  "$PY" - "$OUT/bench.json" "${files[@]}" <<'EOF' | tee "$WORK/bench-table.txt"
import json, os, sys
rows = []
for f in sys.argv[2:]:
    b, lat = os.path.basename(f)[len("bench-"):].rsplit("-", 1)
    rc = open(f + ".rc").read().strip()
    try:
        got = json.load(open(f + ".json")) if rc == "0" else None
    except (OSError, ValueError) as e:
        got, rc = None, f"{rc} (bad JSON: {e})"
    if got:
        rows.extend(got)
    else:
        err = ""
        if os.path.exists(f + ".err"):
            lines = [l for l in open(f + ".err", errors="replace").read().splitlines() if l.strip()]
            err = " / ".join(lines[-3:])[:400]
        rows.append({"backend": b, "lattice": lat, "exit": rc, "error": err})
json.dump(rows, open(sys.argv[1], "w"), indent=1)
ref = {r["lattice"]: r.get("siteAttemptsPerSecond") for r in rows if r.get("backend") == "cpu-parallel"}
print(f"{'backend':<13} {'lattice':<13} {'threads':>7} {'sweeps':>6} {'attempts/s':>11} {'vs cpu-par':>10} {'wall s':>8} {'B/site dev':>10}")
for r in rows:
    if r.get("exit") == "skip":
        print(f"{r['backend']:<13} {r['lattice']:<13} SKIPPED (deadline)")
        continue
    if "error" in r:
        print(f"{r['backend']:<13} {r['lattice']:<13} FAILED exit {r['exit']}: {r['error'][:160]}")
        continue
    a, c = r.get("siteAttemptsPerSecond"), ref.get(r["lattice"])
    x = f"{a / c:.2f}x" if a and c else "-"
    fmt = lambda v, s: "-" if v is None else format(v, s)
    print(f"{r['backend']:<13} {r['lattice']:<13} {fmt(r.get('threads'), '>7')} {fmt(r.get('sweeps'), '>6')} "
          f"{fmt(a, '>11.3e')} {x:>10} {fmt(r.get('wallTime_s'), '>8.2f')} {fmt(r.get('deviceBytesPerSite'), '>10.3f')}"
          f"  {str(r.get('device') or '')[:60]}")
EOF
}

main() {
  echo "liko GPU check, $(date -u +%Y-%m-%dT%H:%M:%SZ), in $root"
  echo "BACKENDS='$BACKENDS' REF=$REF SEED=$SEED; bench '$BENCH_BACKENDS' $BENCH_2D x $SWEEPS_2D sweeps," \
    "$BENCH_3D x $SWEEPS_3D sweeps, $BENCH_THREADS threads; deadline ${DEADLINE_S}s; scratch $WORK"
  hr "environment"
  setup_gpu
  if ! setup_java; then
    summary+=("NO JAVA: nothing ran")
  else
    hr "a. liko backends"
    liko 60 --version 2>&1 | sed 's/^/  /'
    liko 120 backends 2>&1 | sed 's/^/  /'
    echo "  (exit ${PIPESTATUS[0]})"
    hr "b. bitwise: $BACKENDS vs $REF, seed $SEED"
    bitwise
    hr "c. bench"
    bench
    summary+=("" "bench (all rows in bench.json):")
    while IFS= read -r l; do summary+=("$l"); done <"$WORK/bench-table.txt"
  fi
  hr "summary"
  printf '%s\n' "${summary[@]}"
  echo "done in ${SECONDS}s; outputs: $OUT/check.log $OUT/bench.json"
}

main 2>&1 | tee "$OUT/check.log"
exit "${PIPESTATUS[0]}"
