/**
 * Compares the project's own description of a marketplace's operations with the official spec.
 * The description is a subset: it may leave out operations, properties and answers the add-on
 * never uses. Whatever it does describe must be what the official spec says — the same path and
 * method, the same parameters, the same type, required fields, enums and limits — and every field
 * the official spec requires must be described (otherwise a sandbox built on the description
 * could not catch a request that lacks it).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ApiDescription, Method, Operation, Parameter, Schema } from '../../src/connectors/apiDescription';

type Official = Record<string, any>;

const LIMIT_KEYS = [
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
] as const;

/** Official path templates may name their parameters otherwise: compare their shape. */
function shapeOf(template: string): string {
  return template.replace(/\{[^}]+\}/g, '{}');
}

function findOperation(official: Official, method: Method, template: string): Official | undefined {
  for (const [p, item] of Object.entries<Official>(official.paths ?? {}))
    if (shapeOf(p) === shapeOf(template) && item?.[method])
      return {
        ...item[method],
        pathItem: item,
        ourTemplate: template,
        theirTemplate: p,
        security: item[method].security ?? official.security,
        securitySchemes: official.components?.securitySchemes,
      };
  return undefined;
}

/** allOf merged into one schema, as validators read it. */
function merged(schema: Official | undefined): Official {
  if (!schema || !Array.isArray(schema.allOf)) return schema ?? {};
  const out: Official = { ...schema, allOf: undefined, properties: { ...(schema.properties ?? {}) } };
  out.required = [...(schema.required ?? [])];
  for (const part of schema.allOf.map(merged)) {
    Object.assign(out.properties, part.properties ?? {});
    out.required.push(...(part.required ?? []));
    for (const [k, v] of Object.entries(part)) if (!(k in out) || out[k] === undefined) out[k] = v;
  }
  return out;
}

function typeOf(schema: Official): string | undefined {
  if (schema.type) return schema.type;
  if (schema.properties) return 'object';
  if (schema.items) return 'array';
  return undefined;
}

function sameSet(a: unknown[], b: unknown[]): boolean {
  const x = new Set(a.map(String));
  const y = new Set(b.map(String));
  return x.size === y.size && [...x].every((v) => y.has(v));
}

/**
 * Formats that change what a value is (int64 ids as strings, dates): compared whenever either side states
 * one. Others the specs use as prose («ISO 4217», a pattern of « YYYY-MM-DDThh:mm:ssZ») are not rules.
 */
const FORMATS = new Set(['int32', 'int64', 'float', 'double', 'date', 'date-time', 'byte', 'binary', 'uuid']);
const formatOf = (schema: Official) => (FORMATS.has(schema.format) ? schema.format : undefined);

/** Our own alternatives, each against the official one at the same place (or against the whole). */
function compareAlternatives(ours: Official, official: Official, where: string): string[] {
  const key = ours.oneOf ? 'oneOf' : 'anyOf';
  const theirs: Official[] | undefined = official[key] ?? official.oneOf ?? official.anyOf;
  if (!theirs) return (ours[key] as Schema[]).flatMap((alt, i) => compareSchema(alt, official, `${where}<${key}${i}>`));
  if (theirs.length !== ours[key].length)
    return [`${where}: ${ours[key].length} alternatives, official ${theirs.length}`];
  return (ours[key] as Schema[]).flatMap((alt, i) => compareSchema(alt, theirs[i], `${where}<${key}${i}>`));
}

/** Differences of one schema, each a line naming where it is. */
export function compareSchema(ours: Schema, theirs: Official, where: string): string[] {
  const official = merged(theirs);
  if (ours.allOf) return compareSchema(merged(ours as Official) as Schema, official, where);
  if (ours.oneOf || ours.anyOf) return compareAlternatives(ours as Official, official, where);
  const alternatives = official.oneOf ?? official.anyOf;
  if (alternatives) {
    const tries = alternatives.map((alt: Official) => compareSchema(ours, alt, where));
    return tries.find((t: string[]) => t.length === 0) ?? tries[0];
  }
  const diffs: string[] = [];
  const ourType = typeOf(ours as Official);
  const theirType = typeOf(official);
  if (ourType !== theirType && (ourType || theirType))
    diffs.push(`${where}: type ${ourType ?? '(none)'}, official ${theirType ?? '(none)'}`);
  if (formatOf(ours as Official) !== formatOf(official))
    diffs.push(`${where}: format ${formatOf(ours as Official)}, official ${formatOf(official)}`);
  if (Boolean(ours.nullable) !== Boolean(official.nullable))
    diffs.push(`${where}: nullable ${Boolean(ours.nullable)}, official ${Boolean(official.nullable)}`);
  if (official.additionalProperties === false && ours.additionalProperties !== false)
    diffs.push(`${where}: additional properties allowed, official refuses them`);
  if (ours.enum || official.enum) {
    if (!ours.enum || !official.enum || !sameSet(ours.enum, official.enum))
      diffs.push(`${where}: enum ${JSON.stringify(ours.enum)}, official ${JSON.stringify(official.enum)}`);
  }
  for (const key of LIMIT_KEYS) {
    const a = (ours as Official)[key];
    const b = official[key];
    if (a !== b) diffs.push(`${where}: ${key} ${a}, official ${b}`);
  }
  diffs.push(...compareProperties(ours, official, where));
  if (ours.items) {
    if (!official.items) diffs.push(`${where}: items described, official has none`);
    else diffs.push(...compareSchema(ours.items, official.items, `${where}[]`));
  }
  return diffs;
}

function compareProperties(ours: Schema, official: Official, where: string): string[] {
  const diffs: string[] = [];
  const theirs: Record<string, Official> = official.properties ?? {};
  const ourRequired = new Set(ours.required ?? []);
  // Ozon's quirk `"required": true` on a property (OpenAPI 2 style) is not a list of names.
  const theirRequired = new Set<string>(Array.isArray(official.required) ? official.required : []);
  for (const [name, schema] of Object.entries(ours.properties ?? {})) {
    const at = `${where}.${name}`;
    const other =
      theirs[name] ?? (typeof official.additionalProperties === 'object' ? official.additionalProperties : undefined);
    if (!other) {
      diffs.push(`${at}: not in the official spec`);
      continue;
    }
    if (ourRequired.has(name) !== theirRequired.has(name))
      diffs.push(
        `${at}: ${ourRequired.has(name) ? 'required' : 'optional'}, official ${theirRequired.has(name) ? 'required' : 'optional'}`,
      );
    diffs.push(...compareSchema(schema, other, at));
  }
  for (const name of theirRequired) {
    // A required name the official schema never defines is a quirk of the spec (Ozon's quant_size).
    if (theirs[name] && !ours.properties?.[name])
      diffs.push(`${where}.${name}: required in the official spec, not described`);
  }
  return diffs;
}

/** The official path parameter at the place our template has `name` (templates may name them otherwise). */
function pathParameterAt(operation: Official, name: string): Official | undefined {
  const ourIndex = (operation.ourTemplate.match(/\{[^}]+\}/g) ?? []).indexOf(`{${name}}`);
  const theirNames = (operation.theirTemplate.match(/\{[^}]+\}/g) ?? []).map((n: string) => n.slice(1, -1));
  const all: Official[] = [...(operation.pathItem?.parameters ?? []), ...(operation.parameters ?? [])];
  return all.find((p) => p.in === 'path' && p.name === theirNames[ourIndex]);
}

function officialParameter(operation: Official, ours: Parameter): Official | undefined {
  const all: Official[] = [...(operation.pathItem?.parameters ?? []), ...(operation.parameters ?? [])];
  const same = (p: Official) =>
    p.in === ours.in &&
    (ours.in === 'header' ? p.name.toLowerCase() === ours.name.toLowerCase() : p.name === ours.name);
  // Path parameters may be named otherwise in the official template: match them by position.
  if (ours.in === 'path') return pathParameterAt(operation, ours.name);
  return all.find(same) ?? securityHeader(operation, ours);
}

/**
 * An auth header the official spec declares as an apiKey security scheme (Yandex Market's Api-Key)
 * rather than as a parameter; it counts as required when it is the operation's only way in.
 */
function securityHeader(operation: Official, ours: Parameter): Official | undefined {
  if (ours.in !== 'header') return undefined;
  const schemes: Record<string, Official> = operation.securitySchemes ?? {};
  const named = Object.entries(schemes).find(
    ([, s]) => s.type === 'apiKey' && s.in === 'header' && String(s.name).toLowerCase() === ours.name.toLowerCase(),
  );
  if (!named) return undefined;
  const requirements: Official[] = operation.security ?? [];
  const required = requirements.length > 0 && requirements.every((r) => named[0] in r);
  // Another way in (OAuth) makes the header optional in the spec; a description may still require it.
  return { name: named[1].name, in: 'header', required: required || ours.required, schema: { type: 'string' } };
}

function compareParameters(ours: Operation, official: Official, where: string): string[] {
  const diffs: string[] = [];
  const described = ours.parameters ?? [];
  for (const p of described) {
    const other = officialParameter(official, p);
    const at = `${where} ${p.in} ${p.name}`;
    if (!other) {
      diffs.push(`${at}: not in the official spec`);
      continue;
    }
    if (Boolean(p.required) !== Boolean(other.required))
      diffs.push(
        `${at}: ${p.required ? 'required' : 'optional'}, official ${other.required ? 'required' : 'optional'}`,
      );
    diffs.push(...compareSchema(p.schema, other.schema ?? {}, at));
  }
  const all: Official[] = [...(official.pathItem?.parameters ?? []), ...(official.parameters ?? [])];
  for (const p of all.filter((x) => x.required && x.in !== 'path')) {
    const found = described.some(
      (d) => d.in === p.in && (p.in === 'header' ? d.name.toLowerCase() === p.name.toLowerCase() : d.name === p.name),
    );
    if (!found) diffs.push(`${where} ${p.in} ${p.name}: required in the official spec, not described`);
  }
  return diffs;
}

/** The body's schema: JSON, or a form (Avito's token request) whose fields a schema describes the same way. */
function jsonSchemaOf(content: Official | undefined): Official | undefined {
  if (!content) return undefined;
  const key = Object.keys(content).find((k) => k.includes('json') || k === 'application/x-www-form-urlencoded');
  return key ? content[key].schema : undefined;
}

function compareBodies(ours: Operation, official: Official, where: string): string[] {
  const diffs: string[] = [];
  if (ours.requestBody) {
    const theirs = jsonSchemaOf(official.requestBody?.content);
    if (!theirs) diffs.push(`${where} request body: the official spec has none`);
    else diffs.push(...compareSchema(jsonSchemaOf(ours.requestBody.content) ?? {}, theirs, `${where} request`));
    if (Boolean(ours.requestBody.required) !== Boolean(official.requestBody?.required))
      diffs.push(
        `${where} request body: required ${Boolean(ours.requestBody.required)}, official ${Boolean(official.requestBody?.required)}`,
      );
  } else if (official.requestBody?.required)
    diffs.push(`${where} request body: required in the official spec, not described`);
  for (const [status, response] of Object.entries(ours.responses)) {
    const other = official.responses?.[status];
    if (!other) {
      if (!response['x-beyond-spec']) diffs.push(`${where} answer ${status}: not in the official spec`);
      continue;
    }
    const ourSchema = jsonSchemaOf(response.content);
    const theirSchema = jsonSchemaOf(other.content);
    if (ourSchema && !theirSchema) diffs.push(`${where} answer ${status}: a body the official spec does not describe`);
    if (ourSchema && theirSchema) diffs.push(...compareSchema(ourSchema, theirSchema, `${where} answer ${status}`));
  }
  return diffs;
}

function normalized(text: string): string {
  return text
    .replace(/[\s*_`«»"]+/g, ' ')
    .trim()
    .toLowerCase();
}

/** The quote states the value as a whole number (100 in «100 пар», not in «1000»; digit groups allowed). */
function statesNumber(quote: string, value: number): boolean {
  const numbers = quote.match(/\d[\d\s\u00a0]*\d|\d/g) ?? [];
  return numbers.some((n) => Number(n.replace(/[\s\u00a0]/g, '')) === value);
}

/** The quote is in the text whole: a number at its edge does not go on there («- 50» is not in «- 500»). */
function quotedIn(text: string, quote: string): boolean {
  const digit = (c: string | undefined) => c !== undefined && /\d/.test(c);
  for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) {
    const cutBefore = digit(quote[0]) && digit(text[at - 1]);
    const cutAfter = digit(quote[quote.length - 1]) && digit(text[at + quote.length]);
    if (!cutBefore && !cutAfter) return true;
  }
  return false;
}

function compareLimits(ours: Operation, official: Official, where: string): string[] {
  const text = normalized(`${official.summary ?? ''} ${official.description ?? ''}`);
  const diffs = Object.entries(ours['x-limits'] ?? {})
    .filter(([, limit]) => !quotedIn(text, normalized(limit.quote)) || !statesNumber(limit.quote, limit.value))
    .map(
      ([name, limit]) => `${where} limit ${name} = ${limit.value}: «${limit.quote}» is not in the official description`,
    );
  // A machine-readable rate limit (Yandex Market), when described, must be the official one exactly.
  const rate = ours['x-resource-limit-config'];
  const theirRate = official['x-resource-limit-config'];
  if (rate && JSON.stringify(sortedKeys(rate)) !== JSON.stringify(sortedKeys(theirRate)))
    diffs.push(`${where} x-resource-limit-config ${JSON.stringify(rate)}, official ${JSON.stringify(theirRate)}`);
  return diffs;
}

function sortedKeys(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortedKeys((value as Record<string, unknown>)[k])]),
  );
}

/** Every difference that matters between a description and the official spec; [] when they agree. */
export function compareWithOfficial(description: ApiDescription, official: Official): string[] {
  const diffs: string[] = [];
  for (const [template, item] of Object.entries(description.paths)) {
    for (const [method, operation] of Object.entries(item) as [Method, Operation][]) {
      const where = `${method.toUpperCase()} ${template}`;
      const theirs = findOperation(official, method, template);
      if (!theirs) {
        diffs.push(`${where}: no such operation in the official spec`);
        continue;
      }
      diffs.push(...compareParameters(operation, theirs, where));
      diffs.push(...compareBodies(operation, theirs, where));
      diffs.push(...compareLimits(operation, theirs, where));
    }
  }
  return diffs;
}

/** The official contracts folder, or why it is not there (the test then says it was skipped). */
export function officialContracts(dir: string): { dir: string } | { missing: string } {
  if (!fs.existsSync(dir)) return { missing: `${dir} is not there (a clone without ../shared)` };
  return { dir: path.resolve(dir) };
}
