/**
 * On-demand UI benchmarks (not part of `make test`): the Galata configuration of
 * ui-tests, pointed at this folder. Run from this folder:
 *   GALATA_PORT=8891 CI=true ../../node_modules/.bin/playwright test
 */
const path = require('path');
const base = require('../../ui-tests/playwright.config.js');

module.exports = {
  ...base,
  testDir: '.',
  testMatch: '*.bench.ts',
  timeout: 600 * 1000,
  reporter: [['list']],
  outputDir: '/tmp/jupyter-ext-ui-bench-results',
  use: { ...base.use, viewport: { width: 1400, height: 900 }, trace: 'off' },
  // Only the main server: the runs API is faked in the page, no teammate or seeded store.
  webServer: [
    { ...base.webServer[0], cwd: path.join(__dirname, '../../ui-tests') }
  ]
};
