// Lint rules for the whole repository. Kept under test/config so the top level stays as the design fixes it;
// `npm run lint` passes this file with --config.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'dist/**', 'node_modules/**', 'coverage/**', 'test/.artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly', process: 'readonly', URL: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly',
        setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly',
        Buffer: 'readonly', performance: 'readonly', structuredClone: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      // One import style: relative paths (the '@/' alias is WXT's; Node and the CLI bundle do not need it).
      'no-restricted-imports': ['error', { patterns: [{ group: ['@/*'], message: 'Import by relative path.' }] }],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Displayed strings come from requests: render them as text.' },
        { selector: "MemberExpression[property.name='innerHTML']", message: 'Displayed strings come from requests: render them as text.' },
      ],
    },
  },
  {
    // The engine runs in the service worker, in Node and in tests: no browser or extension API in lib/.
    files: ['lib/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', 'browser', 'chrome', 'document', 'window', 'localStorage'],
      'no-restricted-properties': [
        'error',
        { object: 'globalThis', property: 'browser', message: 'lib/ runs without a browser.' },
        { object: 'globalThis', property: 'chrome', message: 'lib/ runs without a browser.' },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'webextension-polyfill', message: 'lib/ runs without a browser: browser APIs belong to entrypoints/.' },
          ],
          patterns: [
            { group: ['wxt', 'wxt/*', '@wxt-dev/*'], message: 'lib/ runs without a browser: browser APIs belong to entrypoints/.' },
            { group: ['@/*'], message: 'Import by relative path.' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.mjs', 'test/**/*.js'],
    languageOptions: { globals: { document: 'readonly', window: 'readonly', indexedDB: 'readonly', chrome: 'readonly', navigator: 'readonly', location: 'readonly' } },
  },
);
