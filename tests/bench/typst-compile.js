// Compiles one Typst file to PDF with the npm Typst compiler, as a whole process (what compare.sh times).
//
//   node tests/bench/typst-compile.js MAIN.typ OUT.pdf [FONTDIR...]
//
// Fonts come only from the given folders (Charis SIL from styles/trade/fonts), plus the compiler's embedded ones.
'use strict';
const fs = require('fs');
const path = require('path');
const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');

const [main, out, ...fontDirs] = process.argv.slice(2);
if (!main || !out) {
  console.error('usage: node typst-compile.js MAIN.typ OUT.pdf [FONTDIR...]');
  process.exit(2);
}
const compiler = NodeCompiler.create({
  workspace: path.dirname(path.resolve(main)),
  fontArgs: fontDirs.length ? [{ fontPaths: fontDirs.map((d) => path.resolve(d)) }] : [],
});
const compiled = compiler.compile({ mainFilePath: path.resolve(main) });
if (compiled.hasError()) {
  compiled.printErrors();
  process.exit(1);
}
const doc = compiled.result;
const pdf = compiler.pdf(doc);
fs.writeFileSync(out, pdf);
if (process.env.TYPST_VERBOSE) console.error(`${out}: ${doc.numOfPages} pages, ${pdf.length} bytes`);
