// Lint for every tracked source file: the library, the emulator, the shared model of CometChat,
// the local cloud, the scripts, the benchmark, the demo and the tests (.ts, .js and .mjs).
// typescript-eslint's recommended rules everywhere, and eslint-plugin-lit / eslint-plugin-wc for
// the elements (as the model Lit libraries run them). The example apps lint with their own tools.
import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-output/', 'examples/', 'src/react.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    rules: {
      // `_`-prefixed parameters are kept for their position in a signature; rest siblings drop keys from a copy.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },
  // Where each file runs decides its globals. model/ runs in both and may use neither's.
  {
    files: ['src/**', 'emulator/**', 'demo/**', 'bench/pages/**', 'test/**/*.ts'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    // Node drives pages through Playwright: page.evaluate / addInitScript callbacks run in the page.
    files: ['test/e2e/**/*.mjs', 'test/real/**/*.mjs', 'bench/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Tests reach into SDK objects and fakes whose shapes are not worth typing.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // chai's property assertions (`to.be.empty`) are expressions.
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
);
