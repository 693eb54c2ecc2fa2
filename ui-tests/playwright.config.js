/**
 * Galata/Playwright configuration: the system Chromium, headless, no downloads.
 */
const baseConfig = require('@jupyterlab/galata/lib/playwright-config');

// GALATA_PORT lets several suites run side by side on one machine.
const port = process.env.GALATA_PORT || '8888';
const baseURL = `http://localhost:${port}`;

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
];

module.exports = {
  ...baseConfig,
  timeout: 120 * 1000,
  expect: { timeout: 20 * 1000 },
  retries: 0,
  workers: 1,
  reporter: [['list'], ['html', { open: 'never' }]],
  use: {
    ...baseConfig.use,
    baseURL,
    headless: true,
    trace: 'retain-on-failure',
    video: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: chromiumArgs
    }
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: `jupyter lab --config jupyter_server_test_config.py --ServerApp.port=${port}`,
    url: `${baseURL}/lab`,
    timeout: 120 * 1000,
    reuseExistingServer: !process.env.CI
  }
};
