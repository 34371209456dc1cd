// Lint rules, including the ones that keep code in the runtime its folder names.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http', 'crypto'];

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'test-results/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'shared/ runs anywhere: no Node built-ins.' },
            { group: ['electron'], message: 'shared/ runs anywhere: no electron.' },
            {
              group: ['**/electron/**', '**/renderer/**'],
              message: 'shared/ depends on nothing in the app.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/**', 'electron/host/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron'],
              message: 'Only electron/main and electron/preload import electron.',
            },
            {
              group: ['**/electron/main/**', '**/main/**', '**/renderer/**'],
              message: 'The core never imports the shell or the renderer.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/embedded-db/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron'], message: 'The embedded server runs under plain Node.' },
            {
              group: [
                '**/core/**',
                '**/main/**',
                '**/host/**',
                '**/preload/**',
                '**/shared/**',
                '**/renderer/**',
              ],
              message: 'electron/embedded-db is self-contained: import nothing from the app.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', ...nodeBuiltins],
              message: 'The renderer is a web page: no electron, no Node.',
            },
            {
              group: ['**/electron/**'],
              message: 'The renderer talks to the main process only through the contract.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**', 'bench/**', 'tests/**'],
    rules: { 'no-console': 'off' },
  },
);
