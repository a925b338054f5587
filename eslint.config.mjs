import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['build/', 'build-district/', 'node_modules/', '.preview-data/', 'test-results/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // Plain Apps Script files run as they are in a script project: its services are globals and
    // its top-level functions are called by name from outside.
    files: ['bench/handWritten/*.js', 'dev/measure/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: {
        SpreadsheetApp: 'readonly',
        Session: 'readonly',
        PropertiesService: 'readonly',
        Logger: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { varsIgnorePattern: '^(handWritten|measure)' }],
    },
  },
  {
    // Only src/sheets (and the entry points in src/main.ts) name Apps Script services:
    // src/core stays pure, src/app joins core and sheets, src/ui builds HTML and the sidebar.
    files: ['src/core/**/*.ts', 'src/app/**/*.ts', 'src/ui/**/*.ts', 'src/contract.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...[
          'SpreadsheetApp',
          'HtmlService',
          'MailApp',
          'ScriptApp',
          'LockService',
          'Session',
          'PropertiesService',
          'CacheService',
          'Utilities',
          'Logger',
          'Charts',
        ].map((name) => ({
          name,
          message: 'Apps Script services belong in src/sheets (or the entry points in src/main.ts).',
        })),
      ],
    },
  },
);
