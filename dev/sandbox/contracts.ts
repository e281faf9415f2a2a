/**
 * The official API specs of ../shared/contracts, read where they are (never copied into the
 * project), dereferenced and turned into request validators with openapi-backend. A sandbox asks
 * `validate` for every request: the errors it returns mean our connector broke the contract.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import addFormats from 'ajv-formats';
import { type Document, OpenAPIBackend } from 'openapi-backend';

export const CONTRACTS_DIR = process.env.OSTATKI_CONTRACTS ?? path.resolve(__dirname, '../../../shared/contracts');

export interface RequestToCheck {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
}

export interface ContractValidator {
  /** null: no operation of these specs matches; []: valid; otherwise the violations. */
  validate(request: RequestToCheck): string[] | null;
}

/** Gives every operation an id (Wildberries' specs have none) and drops refs to files the copy lacks. */
function prepare(doc: Record<string, any>, source: string): Record<string, any> {
  for (const [p, item] of Object.entries<any>(doc.paths ?? {})) {
    for (const method of ['get', 'post', 'put', 'delete', 'patch']) {
      if (item[method] && !item[method].operationId) item[method].operationId = `${method} ${p}`;
    }
  }
  const walk = (node: any): void => {
    if (!node || typeof node !== 'object') return;
    if (typeof node.$ref === 'string' && !node.$ref.startsWith('#')) {
      // The 2025 Ozon copy points its error schema at a file outside the swagger; it lives in components.
      const name = path.basename(node.$ref).replace(/\.ya?ml$|\.json$/, '');
      if (source.endsWith('.json') && doc.components?.schemas?.[name]) node.$ref = `#/components/schemas/${name}`;
    }
    for (const value of Object.values(node)) walk(value);
  };
  walk(doc);
  return doc;
}

/** Where a recursive schema was cut, accept anything: requests never nest that deep. */
function cutCycles(doc: Record<string, any>): Record<string, any> {
  const seen = new Set<object>();
  const walk = (node: any): void => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    for (const [key, value] of Object.entries<any>(node)) {
      if (value && typeof value === 'object' && typeof value.$ref === 'string' && !value.$ref.startsWith('#'))
        node[key] = {};
      else walk(value);
    }
  };
  walk(doc);
  return doc;
}

// The ref parser is an ES module; this file is CommonJS (tsx and ts-jest), so it is imported lazily.
async function refParser() {
  return (await import('@apidevtools/json-schema-ref-parser')).default;
}

async function load(source: string | object, label: string): Promise<Document> {
  const $RefParser = await refParser();
  const options = { dereference: { circular: 'ignore' as const } };
  // Multi-file YAML specs are dereferenced from their own path so that relative refs resolve.
  if (typeof source === 'string' && !source.endsWith('.json')) {
    const doc = (await $RefParser.dereference(source, options)) as any;
    // A path item that holds a cycle is left as a whole $ref: dereference its own file, where the
    // cycle is cut deeper down, at the recursive schema.
    for (const [p, item] of Object.entries<any>(doc.paths ?? {})) {
      if (item && typeof item.$ref === 'string')
        doc.paths[p] = await $RefParser.dereference(path.resolve(path.dirname(source), item.$ref), options);
    }
    return cutCycles(prepare(doc, source)) as Document;
  }
  const raw =
    typeof source === 'string'
      ? prepare(JSON.parse(fs.readFileSync(source, 'utf8')), source)
      : prepare(JSON.parse(JSON.stringify(source)), label);
  return (await $RefParser.dereference(raw, options)) as unknown as Document;
}

export async function contractValidator(sources: (string | object)[]): Promise<ContractValidator> {
  const backends: OpenAPIBackend[] = [];
  for (const [i, source] of sources.entries()) {
    const definition = await load(source, `spec${i}`);
    const api = new OpenAPIBackend({
      definition,
      quick: true,
      strict: true,
      customizeAjv: (ajv) => {
        addFormats(ajv as any);
        return ajv;
      },
    });
    await api.init();
    backends.push(api);
  }
  return {
    validate(request) {
      const req = {
        method: request.method.toLowerCase(),
        path: request.path,
        query: request.query,
        headers: request.headers,
        body: request.body,
      };
      for (const api of backends) {
        const operation = api.matchOperation(req as any);
        if (!operation) continue;
        const result = api.validateRequest(req as any, operation);
        return result.valid
          ? []
          : (result.errors ?? []).map((e) => `${operation.operationId}: ${e.instancePath || '(request)'} ${e.message}`);
      }
      return null;
    },
  };
}

export function contractPath(...parts: string[]): string {
  const file = path.join(CONTRACTS_DIR, ...parts);
  if (!fs.existsSync(file))
    throw new Error(
      `Official spec not found: ${file}. Put ../shared/contracts beside the project or set OSTATKI_CONTRACTS.`,
    );
  return file;
}
