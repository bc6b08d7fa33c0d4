// Converts a Publisher manuscript (book.yml + Markdown chapters) to one Typst file with the trade style's page:
// 6 × 9 in, margins 0.875 in inner / 0.625 in outer / 0.75 in top / 0.875 in bottom, Charis SIL 10.5 pt on 14 pt
// leading, justified and hyphenated, 1.25 em indent, footnotes 8.5/11, chapters on a recto with a 1.5 in sink,
// running heads and folios, a contents page, and "p. N" cross-references resolved by Typst.
//
//   node tests/bench/md2typ.js MANUSCRIPT_DIR OUT.typ
//
// Pandoc 2.17 (Debian) has no Typst writer, so this reads Pandoc's JSON AST (`pandoc -t json`) and writes Typst.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const [dir, out] = process.argv.slice(2);
if (!dir || !out) {
  console.error('usage: node md2typ.js MANUSCRIPT_DIR OUT.typ');
  process.exit(2);
}

// --- book.yml: just what we need (title, subtitle, authors, chapter list) -----------------------------------------
const yml = fs.readFileSync(path.join(dir, 'book.yml'), 'utf8');
const scalar = (key) => {
  const m = yml.match(new RegExp(`^${key}:\\s*(.*)$`, 'm'));
  return m ? m[1].replace(/^["']|["']$/g, '') : '';
};
const title = scalar('title');
const subtitle = scalar('subtitle');
const authors = scalar('authors').replace(/^\[|\]$/g, '');
const chapters = []; // { file, section }
let section = null;
for (const line of yml.split('\n')) {
  const s = line.match(/^  (front|body|back):/);
  if (s) { section = s[1]; continue; }
  if (!section) continue;
  const f = line.match(/^\s+-\s+(?:file:\s*)?(\S+\.md)\s*$/);
  if (f) chapters.push({ file: f[1], section });
  else if (/^\s+-\s+contents\s*$/.test(line)) chapters.push({ contents: true, section });
}

// --- Typst output --------------------------------------------------------------------------------------------------
const esc = (s) => s.replace(/[\\#*_\[\]$<>@~`\/"=+\-]/g, (c) => '\\' + c);
let labelCount = 0;

function inlines(xs) {
  return xs.map(inline).join('');
}
function inline(x) {
  switch (x.t) {
    case 'Str': {
      // `word{#id}` is Publisher's inline anchor; Pandoc leaves it in the text.
      let s = '';
      let last = 0;
      const re = /\{#([A-Za-z0-9_:.-]+)\}/g;
      let m;
      while ((m = re.exec(x.c))) {
        s += esc(x.c.slice(last, m.index)) + `#metadata(none)<${m[1]}>`;
        last = re.lastIndex;
      }
      return s + esc(x.c.slice(last));
    }
    case 'Space': return ' ';
    case 'SoftBreak': return ' ';
    case 'LineBreak': return '\\\n';
    case 'Emph': return `#emph[${inlines(x.c)}]`;
    case 'Strong': return `#strong[${inlines(x.c)}]`;
    case 'SmallCaps': return `#smallcaps[${inlines(x.c)}]`;
    case 'Superscript': return `#super[${inlines(x.c)}]`;
    case 'Subscript': return `#sub[${inlines(x.c)}]`;
    case 'Strikeout': return `#strike[${inlines(x.c)}]`;
    case 'Quoted': return x.c[0].t === 'DoubleQuote' ? `“${inlines(x.c[1])}”` : `‘${inlines(x.c[1])}’`;
    case 'Code': return `#raw(${JSON.stringify(x.c[1])})`;
    case 'Math': return esc(x.c[1]);
    case 'RawInline': return '';
    case 'Link': {
      const [, content, [target]] = x.c;
      if (target.startsWith('#')) {
        const id = target.slice(1);
        if (content.length === 0) return `p.~#context counter(page).at(<${id}>).first()`;
        return `#link(<${id}>)[${inlines(content)}]`;
      }
      return `#link(${JSON.stringify(target)})[${inlines(content)}]`;
    }
    case 'Image': return '';
    case 'Note': return `#footnote[${blocks(x.c)}]`;
    case 'Span': {
      const id = x.c[0][0];
      return (id ? `#metadata(none)<${id}>` : '') + inlines(x.c[1]);
    }
    case 'Cite': return inlines(x.c[1]);
    default: throw new Error(`md2typ: inline ${x.t} not handled`);
  }
}

function blocks(xs) {
  return xs.map(block).join('\n\n');
}
function cell(c) {
  return `[${blocks(c[4]).trim()}]`;
}
function block(x) {
  switch (x.t) {
    case 'Para': case 'Plain': return inlines(x.c);
    case 'Header': {
      const [level, [id, classes], content] = x.c;
      const label = id ? ` <${id}>` : '';
      const numbered = !classes.includes('unnumbered') && section !== 'front';
      if (level === 1) return `#chapter(numbered: ${numbered})[${inlines(content)}]${label}`;
      return `${'='.repeat(level)} ${inlines(content)}${label}`;
    }
    case 'BlockQuote': return `#quote(block: true)[${blocks(x.c)}]`;
    case 'BulletList': return x.c.map((item) => `- ${blocks(item).replace(/\n/g, '\n  ')}`).join('\n');
    case 'OrderedList': return x.c[1].map((item) => `+ ${blocks(item).replace(/\n/g, '\n  ')}`).join('\n');
    case 'HorizontalRule': return '#align(center)[\\*#h(1em)\\*#h(1em)\\*]';
    case 'CodeBlock': return `#raw(block: true, ${JSON.stringify(x.c[1])})`;
    case 'RawBlock': return '';
    case 'Div': return blocks(x.c[1]);
    case 'LineBlock': return x.c.map(inlines).join('\\\n');
    case 'Table': {
      // pandoc-api 1.22: [attr, caption, colspecs, head, bodies, foot]
      const [, , colspecs, head, bodies] = x.c;
      const align = colspecs.map(([a]) => ({ AlignCenter: 'center', AlignRight: 'right' }[a.t] || 'left'));
      const rows = [];
      for (const r of head[1]) rows.push(r[1].map((c) => `table.header(${cell(c)})`.replace(/^table\.header\((.*)\)$/, '$1')));
      const headCells = rows.flat();
      const bodyCells = [];
      for (const b of bodies) for (const r of b[3]) bodyCells.push(...r[1].map(cell));
      return `#table(columns: ${colspecs.length}, align: (${align.join(', ')},), stroke: none,\n` +
        `  table.header(${headCells.map((c) => `text(weight: "bold")${c}`).join(', ')}),\n` +
        `  table.hline(stroke: 0.5pt),\n  ${bodyCells.join(', ')})`;
    }
    case 'Null': return '';
    default: throw new Error(`md2typ: block ${x.t} not handled`);
  }
}

const parts = [];
parts.push(`// Generated by tests/bench/md2typ.js from ${path.resolve(dir)}; do not edit.
#set document(title: ${JSON.stringify(title)}, author: ${JSON.stringify(authors)})
#set page(width: 6in, height: 9in,
  margin: (inside: 0.875in, outside: 0.625in, top: 0.75in, bottom: 0.875in),
  header-ascent: 0.3in, footer-descent: 0.375in,
  header: context {
    let p = here().page()
    let hs = query(heading.where(level: 1)).map(h => (h.location().page(), h.body))
    if hs.any(h => h.at(0) == p) { return }
    set text(size: 8.5pt)
    if calc.even(p) [#smallcaps[${esc(title)}]] else {
      let before = hs.filter(h => h.at(0) < p)
      if before.len() > 0 { align(right, smallcaps(before.last().at(1))) }
    }
  },
  footer: context {
    let p = here().page()
    if p > 4 { set text(size: 8.5pt); align(center, counter(page).display()) }
  })
#set text(font: "Charis SIL", size: 10.5pt, lang: "en", hyphenate: true, top-edge: 1em, bottom-edge: "baseline")
#set par(justify: true, leading: 3.5pt, spacing: 3.5pt, first-line-indent: (amount: 1.25em, all: false))
#show heading.where(level: 2): it => block(above: 14pt, below: 7pt, width: 100%,
  align(center, text(size: 11pt, weight: "regular", smallcaps(it.body))))
#show heading.where(level: 3): it => block(above: 14pt, below: 3.5pt,
  text(size: 10.5pt, weight: "regular", style: "italic", it.body))
#show quote.where(block: true): it => pad(left: 1.5em, right: 1.5em, top: 7pt, bottom: 7pt, {
  set text(size: 9.75pt); set par(leading: 3.25pt); it.body })
#show footnote.entry: it => { set text(size: 8.5pt); set par(leading: 2.5pt); it }
#set footnote.entry(gap: 2.5pt, clearance: 14pt)
#show table: set text(size: 8.75pt)
#set list(indent: 1.5em)
#set enum(indent: 1.5em)
#let chapter-count = counter("chapter")
#let chapter(numbered: true, body) = {
  pagebreak(to: "odd", weak: true)
  v(1.5in)
  if numbered { chapter-count.step(); align(center, context [Chapter #chapter-count.display()]) }
  heading(level: 1, body)
  v(0.5in)
}
#show heading.where(level: 1): it => { set par(leading: 4pt); block(width: 100%, align(center, text(size: 19pt, weight: "regular", it.body))) }

// Half-title and title page
#page(header: none, footer: none)[#v(2in)#align(center, text(size: 19pt)[${esc(title)}])]
#page(header: none, footer: none)[#v(2in)#align(center)[#text(size: 19pt)[${esc(title)}]\\ #v(0.5em)#text(size: 12pt, style: "italic")[${esc(subtitle)}]\\ #v(2em)${esc(authors)}]]
`);
for (const ch of chapters) {
  if (ch.contents) {
    parts.push('#pagebreak(to: "odd", weak: true)\n#outline(title: [Contents], depth: 1)');
    continue;
  }
  const json = JSON.parse(execFileSync('pandoc', ['-f', 'markdown', '-t', 'json', path.join(dir, ch.file)],
    { maxBuffer: 1 << 28 }).toString());
  const bs = json.blocks;
  section = ch.section;
  if (bs.length && bs[0].t !== 'Header') parts.push('#pagebreak(weak: true)'); // e.g. the copyright page
  parts.push(blocks(bs));
}
fs.writeFileSync(out, parts.join('\n\n') + '\n');
