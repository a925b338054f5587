import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['build/', 'node_modules/', '.preview-data/', 'test-results/', 'coverage/'] },
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
    // src/core is pure: it must not name an Apps Script service.
    files: ['src/core/**/*.ts'],
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
          message: 'src/core is pure; Apps Script services belong in src/sheets or src/app.',
        })),
      ],
    },
  },
);
