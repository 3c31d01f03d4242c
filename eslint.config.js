// Layer boundaries are enforced here, not by convention: each layer may only import from the layers below it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const restrict = (files, patterns, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
  },
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'playground/dist/**',
      'grammar/generated/**',
      'coverage/**',
      '.bench/**',
      '.scratch/**',
      '.notes/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', performance: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  restrict(
    ['src/engine/**'],
    ['**/grammar/**', '**/lang/**', '**/interpret/**', '**/cli/**', '**/plan/**', 'chevrotain'],
    'The engine knows nothing about syntax, plans or the CLI: it is driven through its typed API.',
  ),
  restrict(
    ['src/plan/**'],
    ['**/grammar/**', '**/lang/**', '**/interpret/**', '**/cli/**', '**/engine/**', 'chevrotain'],
    'The plan IR is plain data and depends on nothing else.',
  ),
  restrict(['grammar/**'], ['**/src/**'], 'The grammar is pure syntax: it imports nothing from src/.'),
  restrict(
    ['src/lang/**'],
    ['**/interpret/**', '**/cli/**', '**/engine/**'],
    'The front end stops at the plan; it does not run anything.',
  ),
  restrict(
    ['src/interpret/**'],
    ['**/grammar/**', '**/cli/**', 'chevrotain'],
    'The interpreter runs plans; it does not parse.',
  ),
  restrict(
    ['playground/src/**'],
    [
      '**/src/engine/**',
      '**/src/lang/**',
      '**/src/interpret/**',
      '**/src/plan/**',
      '**/grammar/*.ts',
      '**/src/cli/**',
    ],
    'The playground uses only the public API (src/index.ts).',
  ),
);
