/**
 * The committed API types are what jupyter_ext/openapi.json (the document the
 * server serves) generates: this fails as soon as the two drift apart. The
 * generator is the build script itself, run by Node (openapi-typescript is ESM).
 */

// Node modules without @types/node: this suite runs in Node under jest.
declare const require: (id: string) => any;
declare const __dirname: string;
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'apiTypes.js');
const SPEC = path.join(ROOT, 'jupyter_ext', 'openapi.json');
const COMMITTED = path.join(ROOT, 'src', 'api', 'schema.d.ts');

function generated(specPath: string): string {
  return execFileSync('node', [SCRIPT, '--stdout', '--spec', specPath], {
    cwd: ROOT,
    encoding: 'utf8'
  });
}

describe('generated API types', () => {
  it('match what the OpenAPI document generates', () => {
    expect(fs.readFileSync(COMMITTED, 'utf8')).toBe(generated(SPEC));
  }, 60_000);

  it('notice a field the document adds', () => {
    const spec = JSON.parse(fs.readFileSync(SPEC, 'utf8'));
    spec.components.schemas.Summary.properties.code_hash = { type: 'string' };
    const changed = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'api-types-')),
      'openapi.json'
    );
    fs.writeFileSync(changed, JSON.stringify(spec));
    const text = generated(changed);
    expect(text).toContain('code_hash?: string;');
    expect(fs.readFileSync(COMMITTED, 'utf8')).not.toBe(text);
  }, 60_000);
});
