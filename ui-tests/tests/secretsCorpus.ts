/**
 * Fake credentials for the "Snapshot run" secret warning, in the spirit of
 * tests/secrets_corpus.py: real formats, random values from a fixed seed, built at
 * run time so the repository holds no literal a secret scanner would flag.
 */
import { pythonNotebook } from './notebookJson';

/** mulberry32: a tiny deterministic PRNG. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = rng(0x5ec12e75);
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALNUM = UPPER + UPPER.toLowerCase() + '0123456789';

function pick(alphabet: string, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) {
    out += alphabet[Math.floor(random() * alphabet.length)];
  }
  return out;
}

function pem(label: string, derPrefix: number[], size: number): string {
  const bytes = [...derPrefix];
  while (bytes.length < size) {
    bytes.push(Math.floor(random() * 256));
  }
  const body = Buffer.from(bytes).toString('base64');
  const dashes = '-'.repeat(5);
  const lines = body.match(/.{1,64}/g) ?? [];
  return [
    `${dashes}BEGIN ${label}${dashes}`,
    ...lines,
    `${dashes}END ${label}${dashes}`
  ].join('\n');
}

export interface ISecretCase {
  id: string;
  label: string;
  /** the kind the scanner names */
  kind: string;
  /** what must not reach the snapshot (for a PEM key, its body) */
  secret: string;
  /** the warning line that names the cell */
  expected: string;
  /** typed into a new notebook's second cell (unsaved) ... */
  typed?: string;
  /** ... or the second cell of an uploaded notebook */
  cell?: { source: string; outputs: unknown[] };
}

const awsSecret = pick(ALNUM + '+/', 19) + '/' + pick(ALNUM + '+/', 20);
const awsKeyId = 'AKIA' + pick(UPPER + '234567', 16);
const ecKey = pem('EC PRIVATE KEY', [0x30, 0x77, 0x02, 0x01, 0x01, 0x04], 121);
const openai =
  'sk-' +
  'proj-' +
  pick(ALNUM + '-_', 74) +
  'T3Blbk' +
  'FJ' +
  pick(ALNUM + '-_', 74);

export const SECRET_CASES: ISecretCase[] = [
  {
    id: 'aws',
    label: 'an AWS key typed in a cell',
    kind: 'AWS Access Key',
    secret: awsSecret,
    expected: 'cell 2 (source, line 1): AWS Access Key',
    typed: `aws_secret_access_key = "${awsSecret}"\nkey_id = "${awsKeyId}"`
  },
  {
    id: 'pem',
    label: 'a PEM private key in a cell',
    kind: 'Private Key',
    secret: ecKey.split('\n').slice(1, -1).join('\n'),
    expected: 'cell 2 (source, line 1): Private Key',
    cell: { source: `key_pem = """${ecKey}\n"""\nsign(key_pem)`, outputs: [] }
  },
  {
    id: 'openai',
    label: 'an OpenAI key in an output',
    kind: 'OpenAI Token',
    secret: openai,
    expected: 'cell 2 (output): OpenAI Token',
    cell: {
      source: 'print(client.api_key)',
      outputs: [{ output_type: 'stream', name: 'stdout', text: `${openai}\n` }]
    }
  }
];

/** A two-cell notebook whose second cell is the case's. */
export function secretNotebook(fake: ISecretCase): Record<string, unknown> {
  const cell = (id: string, source: string, outputs: unknown[]) => ({
    cell_type: 'code',
    id,
    metadata: {},
    execution_count: outputs.length ? 1 : null,
    source,
    outputs
  });
  return pythonNotebook([
    cell('first', 'x = 1', []),
    cell('leak', fake.cell?.source ?? '', fake.cell?.outputs ?? [])
  ]);
}

/** The 16-character pieces of `secret` (line by line, and whole) found in `text`. */
export function leakedPieces(secret: string, text: string): string[] {
  const found = new Set<string>();
  for (const piece of [secret.replace(/\n/g, ''), ...secret.split('\n')]) {
    for (let i = 0; i + 16 <= piece.length; i += 8) {
      if (text.includes(piece.slice(i, i + 16))) {
        found.add(piece.slice(i, i + 16));
      }
    }
    if (piece.length >= 16 && text.includes(piece.slice(-16))) {
      found.add(piece.slice(-16));
    }
  }
  return [...found];
}
