#!/usr/bin/env bash
# Renders each content document of an EPUB, in reading (spine) order, with its CSS and fonts, in headless Chromium,
# and saves one PNG per document: NN-name.png (the first screen, WIDTHxHEIGHT) and NN-name-full.png (the first
# FULL_HEIGHT pixels, to see more of a chapter). Reading systems are browser engines; this shows what they start from.
#
#   tests/tools/screenshot-epub.sh BOOK.epub OUTDIR [WIDTH HEIGHT FULL_HEIGHT]
#
# Chromium is Debian's (/usr/bin/chromium, or $CHROMIUM). As root it needs --no-sandbox, and on this network it must
# not try to reach Google's services: hence the flags below and a fresh profile per run.
set -euo pipefail
epub=${1:?usage: screenshot-epub.sh BOOK.epub OUTDIR [WIDTH HEIGHT FULL_HEIGHT]}
out=${2:?usage: screenshot-epub.sh BOOK.epub OUTDIR [WIDTH HEIGHT FULL_HEIGHT]}
width=${3:-600}; height=${4:-900}; full=${5:-2400}
chromium=${CHROMIUM:-/usr/bin/chromium}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
(cd "$work" && unzip -q "$(realpath "$epub")" -d book)

# The package document from container.xml, then the spine's hrefs in order (the OPF is ours: one element a line).
opf=$(sed -n 's/.*full-path="\([^"]*\)".*/\1/p' "$work/book/META-INF/container.xml" | head -1)
base=$(dirname "$work/book/$opf")
mapfile -t idrefs < <(sed -n 's/.*<itemref idref="\([^"]*\)".*/\1/p' "$work/book/$opf")
n=0
for id in "${idrefs[@]}"; do
  href=$(sed -n "s/.*<item id=\"$id\" href=\"\([^\"]*\)\".*/\1/p" "$work/book/$opf" | head -1)
  [ -n "$href" ] || continue
  n=$((n + 1))
  name=$(printf '%02d-%s' "$n" "$(basename "$href" .xhtml)")
  for shot in "$name:$height" "$name-full:$full"; do
    file=${shot%%:*}; h=${shot##*:}
    "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
      --disable-sync --no-first-run --disable-quic --hide-scrollbars --user-data-dir="$work/profile" \
      --window-size="$width,$h" --screenshot="$out/$file.png" "file://$base/$href" >/dev/null 2>&1
  done
  echo "$out/$name.png"
done
