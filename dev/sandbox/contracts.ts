/**
 * API descriptions turned into validators with openapi-backend. The sandboxes validate against the
 * project's own descriptions (src/connectors/*.api.ts), so they run without ../shared; the official
 * specs of ../shared/contracts are read where they are (never copied into the project) by the
 * conformance test, through `loadSpec`. A sandbox asks `validate` for every request and
 * `validateResponse` for every answer it gives: the errors mean a connector or the sandbox itself
 * broke the contract.
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
  /** The same for an answer to that request: [] when it matches the described response of its status. */
  validateResponse(request: RequestToCheck, status: number, body: unknown): string[];
}

/** Gives every operation an id (Wildberries' specs have none) and drops refs to files the copy lacks. */
function prepare(doc: Record<string, any>, source: string): Record<string, any> {
  for (const [p, item] of Object.entries<any>(doc.paths ?? {})) {
    for (const method of ['get', 'post', 'put', 'delete', 'patch']) {
      if (item[method] && !item[method].operationId) item[method].operationId = `${method} ${p}`;
      // openapi-backend validates application/json bodies only; WB answers 401/429 as problem+json.
      for (const response of Object.values<any>(item[method]?.responses ?? {})) {
        const problem = Object.keys(response?.content ?? {}).find((k) => k.endsWith('+json'));
        if (problem && !response.content['application/json'])
          response.content['application/json'] = response.content[problem];
      }
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

/** Where a recursive schema was left a ref, accept anything: requests never nest that deep. */
function cutCycles(doc: Record<string, any>): Record<string, any> {
  const seen = new Set<object>();
  const walk = (node: any): void => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    for (const [key, value] of Object.entries<any>(node)) {
      if (value && typeof value === 'object' && typeof value.$ref === 'string') node[key] = {};
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

/** A spec file (JSON, or multi-file YAML) or a description object, dereferenced. */
export async function loadSpec(source: string | object, label = 'spec'): Promise<Document> {
  const $RefParser = await refParser();
  const options = { dereference: { circular: 'ignore' as const } };
  // Multi-file YAML specs are bundled first (every file's schemas pulled into one document with
  // internal refs) and then dereferenced: dereferencing the files directly leaves every ref on the
  // way to a recursive schema unresolved (Yandex Market's orders answer, via Region.parent), while
  // from the bundle only the recursive ref itself stays a ref.
  if (typeof source === 'string' && !source.endsWith('.json')) {
    const doc = (await $RefParser.dereference(await $RefParser.bundle(source), options)) as any;
    return cutCycles(prepare(doc, source)) as Document;
  }
  const raw =
    typeof source === 'string'
      ? prepare(JSON.parse(fs.readFileSync(source, 'utf8')), source)
      : prepare(JSON.parse(JSON.stringify(source)), label);
  return (await $RefParser.dereference(raw, options)) as unknown as Document;
}

/**
 * `checkAnswers`: validate the sandbox's answers too. Only for the project's own descriptions,
 * which describe the body of every answer the sandbox gives.
 */
export async function contractValidator(
  sources: (string | object)[],
  { checkAnswers = false } = {},
): Promise<ContractValidator> {
  const backends: OpenAPIBackend[] = [];
  for (const [i, source] of sources.entries()) {
    const definition = await loadSpec(source, `spec${i}`);
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
  const toBackend = (request: RequestToCheck) => ({
    method: request.method.toLowerCase(),
    path: request.path,
    query: request.query,
    headers: request.headers,
    body: request.body,
  });
  const find = (request: RequestToCheck) => {
    for (const api of backends) {
      const operation = api.matchOperation(toBackend(request) as any);
      if (operation) return { api, operation };
    }
    return null;
  };
  return {
    validate(request) {
      const found = find(request);
      if (!found) return null;
      const result = found.api.validateRequest(toBackend(request) as any, found.operation);
      return result.valid
        ? []
        : (result.errors ?? []).map(
            (e) => `${found.operation.operationId}: ${e.instancePath || '(request)'} ${e.message}`,
          );
    },
    validateResponse(request, status, body) {
      const found = checkAnswers ? find(request) : null;
      if (!found) return [];
      const { api, operation } = found;
      const id = operation.operationId;
      const described = operation.responses?.[String(status)] ?? operation.responses?.default;
      if (!described) return [`${id}: answer ${status} is not described`];
      const json = (described as any).content?.['application/json'];
      if (!json)
        return body === undefined || body === '' ? [] : [`${id}: answer ${status} has a body none is described for`];
      const result = api.validateResponse(body, operation, status);
      return result.valid
        ? []
        : (result.errors ?? []).map((e) => `${id}: answer ${status} ${e.instancePath || '(body)'} ${e.message}`);
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
