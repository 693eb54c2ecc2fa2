/**
 * Remove the seeded server's folder (store, index, root: ~60 MB, in memory when under
 * /dev/shm) made by playwright.config.js. Runs before the servers are stopped; they only
 * serve the tests, which are over.
 */
const fs = require('fs');
const path = require('path');

module.exports = async () => {
  const dir = process.env.JUPYTER_EXT_SEEDED_DIR;
  if (dir && path.basename(dir).startsWith('jupyter-ext-ui-seeded-')) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};
