/**
 * Run by suite.ts in a child process (node --require tsx/cjs): the ref parser is an ES module that
 * jest's CommonJS runtime cannot load. Reads {files, description} as JSON on stdin, writes the
 * differences (compareWithOfficial) as JSON on stdout.
 */
import { loadSpec } from '../../dev/sandbox/contracts';
import { compareWithOfficial } from './compare';

async function main(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const { files, description } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const docs = await Promise.all((files as string[]).map((f) => loadSpec(f)));
  const official = {
    paths: Object.assign({}, ...docs.map((d: any) => d.paths)),
    // Auth declared as security schemes (Yandex Market's Api-Key header) rather than parameters.
    security: docs.find((d: any) => d.security)?.security,
    components: { securitySchemes: Object.assign({}, ...docs.map((d: any) => d.components?.securitySchemes)) },
  };
  process.stdout.write(JSON.stringify(compareWithOfficial(description, official)));
}

main().catch((e) => {
  process.stderr.write(String(e?.stack ?? e));
  process.exit(1);
});
