#!/usr/bin/env bash
# Side-by-side whole-process benchmark (issue 7): Publisher `build` (PDF + EPUB) against Typst (PDF, npm
# @myriaddreamin/typst-ts-node-compiler) and Pandoc (EPUB) on the same chapters, at several sizes of book.
#
#   bash tests/bench/compare.sh [--sizes 1,40] [--runs 10] [--out DIR] [--no-r2r] [--no-aot]
#
# A tool, not a test: CI does not run it. It
#   1. publishes the CLI twice as a Release build: plain (JIT) and ReadyToRun (linux-x64, framework-dependent);
#   2. makes each N× book with make-book.sh, converts it to Typst markup with md2typ.js (Pandoc's JSON AST → Typst:
#      6 × 9 in, the trade margins, Charis SIL 10.5/14 from styles/trade/fonts, running heads, contents, p. N refs);
#   3. times every command as a whole process with hyperfine, alternating: each round runs every command once
#      (hyperfine --runs 1 per round, after one warm-up round), so drift hits all commands alike; medians over rounds;
#   4. measures peak memory with /usr/bin/time -v ("Maximum resident set size"), one run per command;
#   5. prints medians, ratios Publisher / Typst (and / Typst + Pandoc) and peak memory, and writes results.md.
# Installs hyperfine, time and the npm compiler (into tests/bench/node_modules, git-ignored) when missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

sizes="1,40"; runs=10; out=""; r2r=1; aot=1
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --no-r2r) r2r=0; shift ;;
    --no-aot) aot=0; shift ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
    *) echo "compare: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -n "$out" ] || out="$(mktemp -d "${TMPDIR:-/tmp}/publisher-bench.XXXXXX")"
mkdir -p "$out"; out="$(cd "$out" && pwd)"
echo "compare: working in $out" >&2

# --- Tools ---------------------------------------------------------------------------------------------------------
missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
[ -x /usr/bin/time ] || missing+=(time)
command -v pandoc >/dev/null || missing+=(pandoc)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get install -y "${missing[@]}" >&2
fi
if [ ! -d "$here/node_modules/@myriaddreamin/typst-ts-node-compiler" ]; then
  (cd "$here" && npm install --no-audit --no-fund >&2)
fi

# --- Publisher, published once per flavour ---------------------------------------------------------------------------
flavours=(jit)
dotnet publish "$root/src/Publisher.Cli" -c Release -o "$out/pub-jit" --nologo -v quiet >&2
if [ $r2r = 1 ]; then
  dotnet publish "$root/src/Publisher.Cli" -c Release -p:PublishReadyToRun=true -r linux-x64 --self-contained false \
    -o "$out/pub-r2r" --nologo -v quiet >&2
  flavours+=(r2r)
fi
if [ $aot = 1 ]; then
  # Native AOT, as the README's "A native executable" builds it (needs gcc or clang to link).
  dotnet publish "$root/src/Publisher.Cli" -c Release -r linux-x64 -p:PublishAot=true -o "$out/pub-aot" --nologo -v quiet >&2
  flavours+=(aot)
fi
style="$root/styles/trade"
fonts="$style/fonts"

results="$out/results.tsv"
: > "$results"
IFS=, read -r -a size_list <<< "$sizes"
for n in "${size_list[@]}"; do
  book="$out/book-$n"
  bash "$here/make-book.sh" "$n" "$book"
  node "$here/md2typ.js" "$book" "$out/book-$n.typ"
  chapter_files=$(awk '/^  (front|body|back):/ { on = 1; next } on && /\.md/ { sub(/.*(- |file: )/, ""); print }' "$book/book.yml")
  epub_files=""; for f in $chapter_files; do epub_files+=" $book/$f"; done

  names=(); cmds=()
  for fl in "${flavours[@]}"; do
    names+=("publisher-$fl")
    cmds+=("$out/pub-$fl/publisher build --manuscript $book --style $style --out $out/out-$fl-$n")
  done
  names+=(typst pandoc-epub)
  cmds+=("node $here/typst-compile.js $out/book-$n.typ $out/typst-$n.pdf $fonts")
  cmds+=("pandoc -f markdown -o $out/pandoc-$n.epub --metadata-file=$book/book.yml $(printf -- '--epub-embed-font=%s ' "$fonts"/*.ttf)$epub_files")

  args=(); for i in "${!cmds[@]}"; do args+=(-n "${names[$i]}" "${cmds[$i]}"); done
  echo "compare: ${n}× book, warm-up round, then $runs alternating rounds" >&2
  hyperfine -N --runs 1 --style none --export-json "$out/warmup-$n.json" "${args[@]}" >/dev/null
  for ((r = 1; r <= runs; r++)); do
    hyperfine -N --runs 1 --style none --export-json "$out/round-$n-$r.json" "${args[@]}" >/dev/null
  done
  for i in "${!cmds[@]}"; do
    # shellcheck disable=SC2086
    /usr/bin/time -v -o "$out/mem-$n-${names[$i]}.txt" ${cmds[$i]} >/dev/null 2>&1
    kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$out/mem-$n-${names[$i]}.txt")
    printf '%s\t%s\tmem\t%s\n' "$n" "${names[$i]}" "$kb" >> "$results"
  done
  pages_pub=$(pdfinfo "$out/out-jit-$n/"*.pdf 2>/dev/null | awk '/^Pages:/ { print $2 }' || true)
  pages_typ=$(pdfinfo "$out/typst-$n.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }' || true)
  printf '%s\tpages\tpublisher\t%s\n%s\tpages\ttypst\t%s\n' "$n" "${pages_pub:-?}" "$n" "${pages_typ:-?}" >> "$results"
done

python3 - "$out" "$results" "$sizes" "$runs" <<'PY'
import json, glob, statistics, sys, os
out, results, sizes, runs = sys.argv[1], sys.argv[2], sys.argv[3].split(','), int(sys.argv[4])
mem, pages = {}, {}
for line in open(results):
    n, a, b, v = line.rstrip('\n').split('\t')
    if b == 'mem': mem[(n, a)] = int(v) / 1024
    else: pages[(n, b)] = v
lines = []
def p(s=''):
    print(s); lines.append(s)
p(f'Whole-process medians over {runs} alternating rounds (hyperfine -N, 1 run per command per round).')
p()
p('| Book | Pages (Publisher / Typst) | Command | Median s | Min s | Max s | Peak RSS MiB |')
p('|---|---|---|---:|---:|---:|---:|')
med = {}
for n in sizes:
    times = {}
    for r in range(1, runs + 1):
        for res in json.load(open(os.path.join(out, f'round-{n}-{r}.json')))['results']:
            times.setdefault(res['command'], []).append(res['times'][0])
    for name, ts in times.items():
        med[(n, name)] = statistics.median(ts)
        p(f"| {n}× | {pages.get((n, 'publisher'), '?')} / {pages.get((n, 'typst'), '?')} | {name} | "
          f"{statistics.median(ts):.3f} | {min(ts):.3f} | {max(ts):.3f} | {mem.get((n, name), 0):.0f} |")
p()
p('| Book | Publisher flavour | Time / Typst | Time / (Typst + Pandoc EPUB) | Peak RSS / Typst |')
p('|---|---|---:|---:|---:|')
for n in sizes:
    for fl in ('publisher-jit', 'publisher-r2r', 'publisher-aot'):
        if (n, fl) not in med: continue
        t, ty, pe = med[(n, fl)], med[(n, 'typst')], med[(n, 'pandoc-epub')]
        p(f"| {n}× | {fl} | {t / ty:.2f} | {t / (ty + pe):.2f} | {mem[(n, fl)] / mem[(n, 'typst')]:.2f} |")
open(os.path.join(out, 'results.md'), 'w').write('\n'.join(lines) + '\n')
PY
echo "compare: tables in $out/results.md" >&2
