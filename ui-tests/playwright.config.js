/**
 * Galata/Playwright configuration: the system Chromium, headless, no downloads.
 */
const baseConfig = require('@jupyterlab/galata/lib/playwright-config');

const fs = require('fs');
const os = require('os');
const path = require('path');

// GALATA_PORT lets several suites run side by side on one machine.
const port = process.env.GALATA_PORT || '8888';
const baseURL = `http://localhost:${port}`;
// A teammate's JupyterLab on the same team store, for the two-user tests.
const teammatePort = String(Number(port) + 1);
process.env.TEAMMATE_URL = `http://localhost:${teammatePort}`;

// One fresh team store per run, shared by both servers (workers inherit the variable).
if (!process.env.JUPYTER_SNAPSHOT_STORE) {
  process.env.JUPYTER_SNAPSHOT_STORE = fs.mkdtempSync(
    path.join(os.tmpdir(), 'jupyter-ext-ui-store-')
  );
}

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
  webServer: [
    {
      command: `jupyter lab --config jupyter_server_test_config.py --ServerApp.port=${port}`,
      url: `${baseURL}/lab`,
      timeout: 120 * 1000,
      reuseExistingServer: !process.env.CI
    },
    {
      // Bob: another person, with his own server, identity and private index.
      command: `jupyter lab --config jupyter_server_test_config.py --ServerApp.port=${teammatePort}`,
      url: `${process.env.TEAMMATE_URL}/lab`,
      timeout: 120 * 1000,
      reuseExistingServer: !process.env.CI,
      env: {
        ...process.env,
        JUPYTER_SNAPSHOT_AUTHOR: 'bob',
        JUPYTER_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'jupyter-ext-bob-data-')),
        JUPYTERLAB_GALATA_ROOT_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'jupyter-ext-bob-root-'))
      }
    }
  ]
};
