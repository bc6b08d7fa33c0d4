#!/usr/bin/env bash
# Scaling of Publisher's whole-process build: time and peak memory at several sizes of book.
#
#   bash tests/bench/scaling.sh [--sizes 1,10,40,100] [--runs 3] [--out DIR] [--cli DIR]
#
# Publishes the CLI (Release, ReadyToRun) unless --cli names a published folder, makes each N× book with
# make-book.sh, and runs `publisher build` ROUNDS times per size under /usr/bin/time -v: median wall time, peak
# RSS, pages, and seconds per 100 pages. A tool, not a test: CI does not run it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
sizes="1,10,40,100"; runs=3; out=""; cli=""
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --cli) cli="$2"; shift 2 ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
    *) echo "scaling: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -n "$out" ] || out="$(mktemp -d "${TMPDIR:-/tmp}/publisher-scaling.XXXXXX")"
mkdir -p "$out"; out="$(cd "$out" && pwd)"
if [ -z "$cli" ]; then
  cli="$out/pub-r2r"
  dotnet publish "$root/src/Publisher.Cli" -c Release -p:PublishReadyToRun=true -r linux-x64 --self-contained false \
    -o "$cli" --nologo -v quiet >&2
fi
echo "| Book | Pages | Median s | Peak RSS MiB | s per 100 pages | Exit |"
echo "|---|---:|---:|---:|---:|---|"
IFS=, read -r -a size_list <<< "$sizes"
for n in "${size_list[@]}"; do
  bash "$here/make-book.sh" "$n" "$out/book-$n"
  ts=(); mems=(); rc=0
  for ((r = 1; r <= runs; r++)); do
    set +e
    /usr/bin/time -f '%e %M' -o "$out/time-$n-$r.txt" "$cli/publisher" build --manuscript "$out/book-$n" \
      --style "$root/styles/trade" --out "$out/out-$n" > "$out/log-$n.txt" 2>&1
    rc=$?
    set -e
    read -r t m < <(tail -1 "$out/time-$n-$r.txt")
    ts+=("$t"); mems+=("$m")
  done
  pages=$(pdfinfo "$out/out-$n/"*.pdf 2>/dev/null | awk '/^Pages:/ { print $2 }' || echo "?")
  python3 - "$n" "$pages" "$rc" "${ts[*]}" "${mems[*]}" <<'PY'
import statistics, sys
n, pages, rc, ts, ms = sys.argv[1], sys.argv[2], sys.argv[3], [float(x) for x in sys.argv[4].split()], [int(x) for x in sys.argv[5].split()]
t = statistics.median(ts)
per = f"{100 * t / int(pages):.3f}" if pages.isdigit() else "?"
print(f"| {n}× | {pages} | {t:.2f} | {max(ms) / 1024:.0f} | {per} | {rc} |")
PY
done
