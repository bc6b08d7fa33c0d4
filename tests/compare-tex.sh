#!/usr/bin/env bash
# Side-by-side typography: our PDF of the sample book against Pandoc + XeLaTeX's PDF of the same chapters, measured
# by the same tool (tests/Publisher.Metrics, rules in its README).
#
#   bash tests/compare-tex.sh [--out DIR] [--manuscript DIR] [--style DIR] [--with-pandoc-defaults]
#
# A tool, not a test: it installs Pandoc and a TeX Live subset from Debian when they are missing (a few hundred MB),
# so CI does not run it. Three PDFs are made and measured, one column each:
#
#   Publisher       dotnet run --project src/Publisher.Cli -- build
#   XeLaTeX-Charis  pandoc + xelatex at our trim, margins, font and sizes: Charis SIL from the style's fonts folder,
#                   10.5/14 bp, footnotes 8.5/11, tables 8.75/11, 1.25 em indent, justified, US English hyphenation
#   XeLaTeX-LM      the same with pandoc's default font, Latin Modern, at the same sizes
#   Pandoc-defaults (only with --with-pandoc-defaults) pandoc's defaults untouched but for the trim and margins:
#                   Latin Modern 10/12 pt, block paragraphs, wider sentence spaces, microtype protrusion on. Its
#                   "overfull" lines are punctuation hung into the margin by protrusion, not real overfull boxes.
#
# Everything else is pandoc's default LaTeX template with the book class (\tolerance 200, \emergencystretch 3em,
# \widowpenalty and \clubpenalty 150), with two changes so the measure compares line breaking, not conventions
# our engine does not follow: \frenchspacing (no wider space after a full stop; we set one space everywhere, and the
# tool would otherwise count TeX's wider sentence spaces as stretch) and microtype protrusion off (TeX would hang
# punctuation into the margin, which the tool counts as overfull; we do no margin kerning).
set -euo pipefail
self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

out=""
manuscript="$root/manuscript"
style="$root/styles/trade"
defaults=0
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --manuscript) manuscript="$(cd "$2" && pwd)"; shift 2 ;;
    --style) style="$(cd "$2" && pwd)"; shift 2 ;;
    --with-pandoc-defaults) defaults=1; shift ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$self"; exit 0 ;;
    *) echo "compare-tex: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -n "$out" ] || out="$(mktemp -d "${TMPDIR:-/tmp}/compare-tex.XXXXXX")"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

# --- 1. Tools ----------------------------------------------------------------------------------------------------
need_install=0
command -v pandoc >/dev/null 2>&1 || need_install=1
command -v xelatex >/dev/null 2>&1 || need_install=1
command -v pdftotext >/dev/null 2>&1 || need_install=1
if [ $need_install = 0 ]; then
  for sty in fontspec.sty microtype.sty longtable.sty booktabs.sty etoolbox.sty lmodern.sty; do
    kpsewhich "$sty" >/dev/null 2>&1 || { need_install=1; break; }
  done
fi
if [ $need_install = 1 ]; then
  packages=(pandoc texlive-xetex texlive-latex-recommended texlive-fonts-recommended lmodern poppler-utils)
  echo "compare-tex: installing ${packages[*]} (once; a few hundred MB)" >&2
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

# --- 2. Our PDF --------------------------------------------------------------------------------------------------
echo "compare-tex: building our PDF" >&2
dotnet run --project src/Publisher.Cli -- build --manuscript "$manuscript" --style "$style" --out "$out/publisher" >&2
ours="$(ls "$out"/publisher/*.pdf | head -1)"

# --- 3. The same chapters as one Pandoc Markdown file -----------------------------------------------------------
# The chapter list comes from book.yml: Markdown files under chapters: front, body and back, in order. Generated
# front pages (half-title, title-page, contents) have no file, and the copyright page (kind: copyright) is set small
# and ragged by us, so it is left out: the texts measured are the same on both sides.
list_chapters() {
  awk '
    function flush() { if (file != "" && kind != "copyright") print part, file; file = ""; kind = "" }
    /^chapters:/ { in_ch = 1; next }
    in_ch && /^[^ #]/ { flush(); in_ch = 0 }
    !in_ch { next }
    /^  (front|body|back):/ { flush(); part = $1; sub(":", "", part); next }
    /^    - file:/ { flush(); file = $3; gsub(/["\047]/, "", file); next }
    /^      kind:/ { kind = $2; next }
    /^    - / { flush(); if ($2 ~ /\.md$/) print part, $2; next }
    END { flush() }
  ' "$manuscript/book.yml"
}
chapters="$(list_chapters)"
if [ -z "$chapters" ] && ! grep -q '^chapters:' "$manuscript/book.yml"; then
  # No chapter list: as in Publisher, every Markdown file of the folder is a body chapter, in file-name order.
  chapters="$(cd "$manuscript" && ls -1 *.md | sed 's/^/body /')"
fi
if [ -z "$chapters" ]; then
  echo "compare-tex: no Markdown chapters listed in $manuscript/book.yml" >&2
  exit 1
fi

md="$out/book.md"
: > "$md"
last_part=""
n=0
while read -r part file; do
  n=$((n + 1))
  if [ "$part" != "$last_part" ]; then
    # \frontmatter leaves the editor's note unnumbered, as ours is; the back matter stays numbered like the body.
    case "$part" in
      front) printf '```{=latex}\n\\frontmatter\n```\n\n' >> "$md" ;;
      body) printf '```{=latex}\n\\mainmatter\n```\n\n' >> "$md" ;;
    esac
    last_part="$part"
  fi
  # Footnote labels are per chapter in our manuscripts; Pandoc's are per document, so each gets the file's number.
  perl -pe "s/\\[\\^([\\w-]+)\\]/[^c$n-\$1]/g" "$manuscript/$file" >> "$md"
  printf '\n\n' >> "$md"
done <<< "$chapters"

# Our anchor syntax, made into LaTeX: a heading's {#id .class} keeps only the classes Pandoc knows (.unnumbered),
# an inline {#id} after a word becomes \label{id}, and a page reference [](#id) becomes "p. \pageref{id}", so the
# appendix prints real page numbers as ours does (XeLaTeX runs twice; Pandoc reruns it while labels change).
perl -i -pe '
  s/^(#+ .*?)\s*\{#[\w-]+((?:\s+\.[\w-]+)*)\s*\}\s*$/$2 ? "$1 {" . ($2 =~ s#^\s+##r) . "}\n" : "$1\n"/e;
  s/\{#([\w-]+)\}/\\label{$1}/g;
  s/\[\]\(#([\w-]+)\)/p.~\\pageref{$1}/g;
' "$md"

# --- 4. XeLaTeX ----------------------------------------------------------------------------------------------------
# Sizes in bp (PostScript points, 1/72 in), the unit of the style and of PDF: TeX's pt is 1/72.27 in.
cat > "$out/header.tex" <<'EOF'
\makeatletter
\renewcommand\normalsize{\fontsize{10.5bp}{14bp}\selectfont
  \abovedisplayskip 10\p@ \@plus2\p@ \@minus5\p@
  \abovedisplayshortskip \z@ \@plus3\p@
  \belowdisplayshortskip 6\p@ \@plus3\p@ \@minus3\p@
  \belowdisplayskip \abovedisplayskip
  \let\@listi\@listI}
\renewcommand\small{\fontsize{9.75bp}{13bp}\selectfont}
\renewcommand\footnotesize{\fontsize{8.5bp}{11bp}\selectfont}
\makeatother
\normalsize
\setlength{\parindent}{1.25em}
\frenchspacing
\usepackage{etoolbox}
\AtBeginEnvironment{longtable}{\fontsize{8.75bp}{11bp}\selectfont}
EOF

fonts="$style/fonts"
common=(
  "$md" -f markdown --pdf-engine=xelatex --top-level-division=chapter -H "$out/header.tex"
  -V documentclass=book -V classoption=twoside -V classoption=openright -V indent=true -V lang=en-US
  -V geometry=paperwidth=6in -V geometry=paperheight=9in -V geometry=inner=0.875in -V geometry=outer=0.625in
  -V geometry=top=0.75in -V geometry=bottom=0.875in -V geometry=twoside
  -V microtypeoptions=protrusion=false
)
echo "compare-tex: XeLaTeX with Charis SIL" >&2
pandoc "${common[@]}" -o "$out/xelatex-charis.pdf" \
  -V mainfont=CharisSIL-Regular.ttf -V "mainfontoptions=Path=$fonts/" \
  -V mainfontoptions=ItalicFont=CharisSIL-Italic.ttf -V mainfontoptions=BoldFont=CharisSIL-Bold.ttf \
  -V mainfontoptions=BoldItalicFont=CharisSIL-BoldItalic.ttf
echo "compare-tex: XeLaTeX with Latin Modern" >&2
pandoc "${common[@]}" -o "$out/xelatex-lm.pdf"

pdfs=("$ours" "$out/xelatex-charis.pdf" "$out/xelatex-lm.pdf")
labels="Publisher,XeLaTeX-Charis,XeLaTeX-LM"
if [ $defaults = 1 ]; then
  echo "compare-tex: XeLaTeX with pandoc's defaults" >&2
  pandoc "$md" -f markdown --pdf-engine=xelatex --top-level-division=chapter -V documentclass=book -V lang=en-US \
    -V geometry=paperwidth=6in -V geometry=paperheight=9in -V geometry=inner=0.875in -V geometry=outer=0.625in \
    -V geometry=top=0.75in -V geometry=bottom=0.875in -o "$out/pandoc-defaults.pdf"
  pdfs+=("$out/pandoc-defaults.pdf")
  labels="$labels,Pandoc-defaults"
fi

# --- 5. Measure -----------------------------------------------------------------------------------------------------
echo "compare-tex: measuring (outputs in $out)" >&2
dotnet build tests/Publisher.Metrics -v q -nologo >&2
dotnet run --no-build --project tests/Publisher.Metrics -- "${pdfs[@]}" --labels "$labels" | tee "$out/metrics.txt"
dotnet run --no-build --project tests/Publisher.Metrics -- "${pdfs[@]}" --labels "$labels" --json > "$out/metrics.json"
