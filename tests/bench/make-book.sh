#!/usr/bin/env bash
# Makes an N× book from manuscript/: the front matter once, then the body and back chapters repeated N times.
#
#   bash tests/bench/make-book.sh N OUTDIR [MANUSCRIPT]
#
# Copy k (k ≥ 2) of a chapter is written as k<k>-<name>.md with every id made unique book-wide: `{#id` becomes
# `{#id-k<k>` and `](#id)` becomes `](#id-k<k>)`, so headings, spans and cross-references stay distinct per copy.
# Copy 1 keeps the original names and ids, so the 1× book is the sample book. book.yml is rewritten to list them.
set -euo pipefail
n="${1:?usage: make-book.sh N OUTDIR [MANUSCRIPT]}"
out="${2:?usage: make-book.sh N OUTDIR [MANUSCRIPT]}"
src="${3:-$(cd "$(dirname "$0")/../.." && pwd)/manuscript}"
[[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "make-book: N must be a positive integer" >&2; exit 2; }
mkdir -p "$out"
rm -f "$out"/*.md "$out"/book.yml

# book.yml: everything up to `  body:` is copied as is (metadata and front matter); body and back entries repeated.
awk -v n="$n" '
  function flush(section,   k, i, name) {
    if (count == 0) return
    print "  " section ":"
    for (k = 1; k <= n; k++)
      for (i = 1; i <= count; i++) {
        name = items[i]
        if (k > 1) name = "k" k "-" name
        print "    - " name
      }
    count = 0
  }
  /^  body:/ { mode = "body"; next }
  /^  back:/ { flush("body"); mode = "back"; next }
  mode == "" { print; next }
  /^    - / { sub(/^    - /, ""); items[++count] = $0; next }
  { print "make-book: unexpected line in body/back: " $0 > "/dev/stderr"; exit 3 }
  END { flush(mode) }
' "$src/book.yml" > "$out/book.yml"

# Chapter files: front-matter files once, body/back files once per copy with suffixed ids.
front_files=$(awk '/^  body:/ { exit } /file: / { sub(/.*file: /, ""); print; next } /^    - .*\.md$/ { sub(/^    - /, ""); print }' "$src/book.yml")
for f in $front_files; do cp "$src/$f" "$out/$f"; done
repeat_files=$(awk '/^  body:/ { on = 1; next } on && /^    - / { sub(/^    - /, ""); print }' "$src/book.yml")
for f in $repeat_files; do
  cp "$src/$f" "$out/$f"
  for ((k = 2; k <= n; k++)); do
    sed -E -e "s/\{#([A-Za-z0-9_:.-]+)/{#\1-k$k/g" -e "s/\]\(#([A-Za-z0-9_:.-]+)\)/](#\1-k$k)/g" "$src/$f" > "$out/k$k-$f"
  done
done
# Anything else the manuscript folder holds (images and the like) is shared by all copies.
for p in "$src"/*; do
  b=$(basename "$p")
  case "$b" in *.md|book.yml) ;; *) cp -r "$p" "$out/" ;; esac
done
