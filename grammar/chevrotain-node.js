// Node's view of chevrotain (package.json maps `#chevrotain` here under the "node" condition; bundlers get the
// package itself). The package's entry point loads about 600 lodash-es modules, ≈350 ms before the first
// line of Moneta runs; chevrotain also ships the same code as one bundled file, which loads in ≈15 ms. That
// difference is most of `moneta check`'s cold-start budget (SPEC §7).
const entry = typeof import.meta.resolve === 'function' ? import.meta.resolve('chevrotain') : undefined;
const bundle = entry?.replace(/\/lib\/src\/api\.js$/, '/lib/chevrotain.mjs');
const c = await import(bundle !== undefined && bundle !== entry ? bundle : 'chevrotain');

export const {
  CstParser,
  EMPTY_ALT,
  EOF,
  Lexer,
  createSyntaxDiagramsCode,
  createToken,
  createTokenInstance,
  generateCstDts,
  isRecognitionException,
  tokenMatcher,
  tokenName,
} = c;
