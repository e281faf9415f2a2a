/**
 * The project's own description of the marketplace operations it calls: a small OpenAPI 3.0
 * document per marketplace, written by hand from the official spec it names in `x-follows`. The
 * sandboxes validate requests and their own answers against it, so the project runs without the
 * official files; a conformance test compares it with them whenever ../shared/contracts is there.
 * Connectors never import these documents: the bundle carries only the limits, in each connector's
 * LIMITS constant, and a unit test checks that those agree with the description.
 */

/** The JSON Schema subset the descriptions use (OpenAPI 3.0 flavour). */
export interface Schema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  format?: string;
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  enum?: (string | number | boolean | null)[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
}

export interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
  required?: boolean;
  schema: Schema;
  description?: string;
}

export interface MediaType {
  schema: Schema;
}

export interface Response {
  description: string;
  content?: Record<string, MediaType>;
  /**
   * An answer the marketplace gives that its official operation does not name (Ozon's 429 on a rate
   * limit): where it is documented instead. The conformance test accepts it and lists it.
   */
  'x-beyond-spec'?: string;
}

/**
 * A limit the official spec states only in prose (items per request, requests a minute). `quote`
 * is the spec's own words, found again in the operation's description by the conformance test.
 */
export interface ProseLimit {
  value: number;
  quote: string;
}

/** One tariff's rate limit in Yandex Market's `x-resource-limit-config`: `amount` per `period-duration` periods. */
export interface ResourceLimit {
  amount: number;
  period: 'minutes' | 'hours';
  'period-duration': number;
}

/**
 * A rate limit the official spec states in machine-readable form (Yandex Market): `path` says what
 * is counted (`resp` requests, `req.skus` SKUs sent, `resp.result…` items returned).
 */
export interface ResourceLimitConfig {
  path: string;
  'parallel-limit-value'?: number;
  none: ResourceLimit;
  medium: ResourceLimit;
}

export interface Operation {
  operationId: string;
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, MediaType> };
  responses: Record<string, Response>;
  'x-limits'?: Record<string, ProseLimit>;
  'x-resource-limit-config'?: ResourceLimitConfig;
}

export type Method = 'get' | 'post' | 'put' | 'delete' | 'patch';

export interface ApiDescription {
  openapi: '3.0.3';
  info: { title: string; version: string };
  servers: { url: string }[];
  /**
   * The official spec this description follows: its files under ../shared/contracts and their date.
   * A marketplace without an official spec (MegaMarket, AliExpress) names no files: `doc` is the
   * section of docs/marketplace-apis.md it is built on and `sources` the help pages and client
   * libraries that section cites.
   */
  'x-follows': { files: string[]; date: string; note?: string; doc?: string; sources?: string[] };
  /**
   * Facts the description relies on that no official source confirms (marked [verify] in the doc, or
   * chosen here where the doc is silent): the live check prints them, so that a maintainer checks
   * each on a real account before a seller relies on it.
   */
  'x-verify'?: readonly string[];
  paths: Record<string, Partial<Record<Method, Operation>>>;
}

/** The limit named `name` of the operation at `method path`; throws when the description lacks it. */
export function proseLimit(api: ApiDescription, method: Method, path: string, name: string): number {
  const limit = api.paths[path]?.[method]?.['x-limits']?.[name];
  if (!limit) throw new Error(`${api.info.title}: ${method.toUpperCase()} ${path} has no limit "${name}"`);
  return limit.value;
}
