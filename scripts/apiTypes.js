/**
 * The TypeScript types of the REST API, generated from the OpenAPI document
 * the server serves (jupyter_ext/openapi.json) with openapi-typescript.
 *
 *   node scripts/apiTypes.js          write src/api/schema.d.ts
 *   node scripts/apiTypes.js --check  exit 1 when the committed file drifted
 *   node scripts/apiTypes.js --stdout [--spec FILE]  print what FILE generates
 *
 * `generate` is also used by the jest drift test and the Galata contract test
 * (which feeds it the document the running server serves).
 */
const fs = require('fs');
const path = require('path');
const prettier = require('prettier');
const openapiTS = require('openapi-typescript');

const ROOT = path.resolve(__dirname, '..');
const SPEC = path.join(ROOT, 'jupyter_ext', 'openapi.json');
const OUTPUT = path.join(ROOT, 'src', 'api', 'schema.d.ts');

const HEADER =
  '/**\n' +
  ' * Generated from jupyter_ext/openapi.json by `jlpm build:api-types`\n' +
  ' * (scripts/apiTypes.js, openapi-typescript). Do not edit by hand.\n' +
  ' */\n';

/** The types for an OpenAPI document (a parsed object), formatted by prettier. */
async function generate(spec) {
  const ast = await openapiTS.default(spec, {
    // `{"type": "object"}` without properties: any keys, unknown values.
    emptyObjectsUnknown: true,
    alphabetize: false
  });
  const text = HEADER + openapiTS.astToString(ast);
  const options = (await prettier.resolveConfig(OUTPUT)) ?? {};
  return prettier.format(text, { ...options, parser: 'typescript' });
}

async function main() {
  const args = process.argv.slice(2);
  const specAt = args.indexOf('--spec');
  const specPath = specAt >= 0 ? args[specAt + 1] : SPEC;
  const spec = JSON.parse(fs.readFileSync(specPath, 'utf8'));
  const text = await generate(spec);
  if (args.includes('--stdout')) {
    process.stdout.write(text);
    return;
  }
  if (args.includes('--check')) {
    const committed = fs.existsSync(OUTPUT)
      ? fs.readFileSync(OUTPUT, 'utf8')
      : '';
    if (committed !== text) {
      console.error(
        `${path.relative(ROOT, OUTPUT)} is not what ${path.relative(ROOT, SPEC)} generates: run \`jlpm build:api-types\`.`
      );
      process.exit(1);
    }
    return;
  }
  fs.mkdirSync(path.dirname(OUTPUT), { recursive: true });
  fs.writeFileSync(OUTPUT, text);
}

module.exports = { generate, OUTPUT, SPEC };

if (require.main === module) {
  main().catch(error => {
    console.error(error);
    process.exit(1);
  });
}
