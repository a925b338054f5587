/** Browser tests: the preview server and the sidebar in headless Debian Chromium (playwright-core). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.e2e.ts'],
  testTimeout: 60000,
  setupFiles: ['<rootDir>/test/e2e/setup.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
};
