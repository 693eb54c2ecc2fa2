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
// A third server on a store of its own, seeded with 5000 deterministic runs before it
// starts (seed_team_store.py), for the large-table spec (teamRunsTable.spec.ts).
const seededPort = String(Number(port) + 2);
process.env.SEEDED_URL = `http://localhost:${seededPort}`;
const SEEDED_RUNS = 5000;

// One fresh team store per run, shared by both servers (workers inherit the variable).
if (!process.env.JUPYTER_SNAPSHOT_STORE) {
  process.env.JUPYTER_SNAPSHOT_STORE = fs.mkdtempSync(
    path.join(os.tmpdir(), 'jupyter-ext-ui-store-')
  );
}

/**
 * The seeded server: seed its own store, then start; ready once its index is synced.
 * Its folder is in memory (/dev/shm) when there is one: the store fsyncs every blob and
 * manifest, which on a busy disk made seeding take 20-100 s instead of 7-20 s. The folder
 * (~60 MB) is removed by seededTeardown.js, and any left by a killed run after 12 hours.
 */
const SEEDED_PREFIX = 'jupyter-ext-ui-seeded-';
// The specs that use the seeded server (SEEDED_URL).
const SEEDED_SPECS = ['teamRunsTable.spec.ts', 'teamRunsColumns.spec.ts'].map(
  name => path.join(__dirname, 'tests', name)
);

/**
 * Does this run include the seeded spec? Not when spec files are named on the command line
 * and no command-line word selects it (Playwright's file filters are substrings/regexps of
 * the path), so that running other specs does not pay for seeding. When in doubt: yes.
 */
function runsSeededSpec() {
  const i = process.argv.indexOf('test');
  const words =
    i < 0 ? [] : process.argv.slice(i + 1).filter(w => !w.startsWith('-'));
  const filters = words.map(w => w.replace(/(:\d+){1,2}$/, ''));
  const matches = f => {
    try {
      return SEEDED_SPECS.some(
        spec => spec.includes(f) || new RegExp(f).test(spec)
      );
    } catch {
      return true;
    }
  };
  const namesSpecs = filters.some(f => /\.spec\.ts$/.test(f));
  return !namesSpecs || filters.some(matches);
}

/** [] or the seeded server's webServer entry. */
function seededServer() {
  // Decided and created once, in the runner (workers load this file again and inherit
  // the variable; '' = not in this run).
  if (process.env.JUPYTER_EXT_SEEDED_DIR === undefined && !runsSeededSpec()) {
    process.env.JUPYTER_EXT_SEEDED_DIR = '';
  }
  if (process.env.JUPYTER_EXT_SEEDED_DIR === '') {
    return [];
  }
  if (!process.env.JUPYTER_EXT_SEEDED_DIR) {
    const base = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
    for (const name of fs.readdirSync(base)) {
      const old = path.join(base, name);
      const age = name.startsWith(SEEDED_PREFIX)
        ? Date.now() -
          (fs.statSync(old, { throwIfNoEntry: false })?.mtimeMs ?? Date.now())
        : 0;
      if (age > 12 * 3600 * 1000) {
        fs.rmSync(old, { recursive: true, force: true });
      }
    }
    process.env.JUPYTER_EXT_SEEDED_DIR = fs.mkdtempSync(
      path.join(base, SEEDED_PREFIX)
    );
  }
  const dir = process.env.JUPYTER_EXT_SEEDED_DIR;
  const store = path.join(dir, 'store');
  const root = path.join(dir, 'root');
  const server = {
    command:
      `python seed_team_store.py --store ${store} --root ${root} --runs ${SEEDED_RUNS}` +
      ` && jupyter lab --config jupyter_server_test_config.py --ServerApp.port=${seededPort}`,
    // A list request syncs the server's index from the store's manifests first (~1 s).
    url: `${process.env.SEEDED_URL}/jupyter-ext/api/snapshots?limit=1`,
    timeout: 180 * 1000,
    reuseExistingServer: !process.env.CI,
    env: {
      ...process.env,
      JUPYTER_SNAPSHOT_STORE: store,
      JUPYTER_SNAPSHOT_AUTHOR: 'ana',
      JUPYTER_DATA_DIR: path.join(dir, 'data'),
      JUPYTERLAB_GALATA_ROOT_DIR: root
    }
  };
  return [server];
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
  globalTeardown: require.resolve('./seededTeardown.js'),
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
        JUPYTER_DATA_DIR: fs.mkdtempSync(
          path.join(os.tmpdir(), 'jupyter-ext-bob-data-')
        ),
        JUPYTERLAB_GALATA_ROOT_DIR: fs.mkdtempSync(
          path.join(os.tmpdir(), 'jupyter-ext-bob-root-')
        )
      }
    },
    ...seededServer()
  ]
};
