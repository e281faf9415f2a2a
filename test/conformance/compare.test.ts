/** The comparator itself: each kind of difference that matters is found, a faithful subset passes. */
import type { ApiDescription, Schema } from '../../src/connectors/apiDescription';
import { compareWithOfficial } from './compare';

const official = {
  paths: {
    '/v1/items/{warehouseId}': {
      post: {
        description: 'За один запрос можно передать до 100 товаров.',
        parameters: [
          { name: 'warehouseId', in: 'path', required: true, schema: { type: 'integer' } },
          { name: 'Api-Key', in: 'header', required: true, schema: { type: 'string' } },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['items', 'quant_size'],
                properties: {
                  items: {
                    type: 'array',
                    maxItems: 1000,
                    items: {
                      allOf: [
                        { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
                        { properties: { stock: { type: 'integer', minimum: 0, maximum: 100000 } } },
                      ],
                    },
                  },
                  sort: { type: 'string', enum: ['ASC', 'DESC'] },
                  note: { type: 'string' },
                },
              },
            },
          },
        },
        responses: {
          '200': {
            content: { 'application/json': { schema: { type: 'object', properties: { ok: { type: 'boolean' } } } } },
          },
          '400': {
            content: {
              'application/json': { schema: { type: 'object', properties: { message: { type: 'string' } } } },
            },
          },
        },
      },
    },
  },
};

function description(request: Schema, extra: Partial<ApiDescription['paths'][string]['post']> = {}): ApiDescription {
  return {
    openapi: '3.0.3',
    info: { title: 'Test', version: '1' },
    servers: [{ url: 'https://example.test' }],
    'x-follows': { files: ['test.json'], date: '2026-12-01' },
    paths: {
      '/v1/items/{id}': {
        post: {
          operationId: 'setItems',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'integer' } },
            { name: 'api-key', in: 'header', required: true, schema: { type: 'string' } },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: request } } },
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } },
          'x-limits': { itemsPerRequest: { value: 100, quote: 'до 100 товаров' } },
          ...extra,
        },
      },
    },
  };
}

const faithful: Schema = {
  type: 'object',
  required: ['items'],
  properties: {
    items: {
      type: 'array',
      maxItems: 1000,
      items: {
        type: 'object',
        required: ['id'],
        properties: { id: { type: 'string' }, stock: { type: 'integer', minimum: 0, maximum: 100000 } },
      },
    },
    sort: { type: 'string', enum: ['DESC', 'ASC'] },
  },
};

const withItems = (items: Schema): Schema => ({
  ...faithful,
  properties: { ...faithful.properties, items: { ...faithful.properties?.items, items } },
});

it('a faithful subset agrees (other names for path parameters, allOf merged, a spec quirk ignored)', () => {
  expect(compareWithOfficial(description(faithful), official)).toEqual([]);
});

it.each([
  [
    'a limit',
    { ...faithful, properties: { ...faithful.properties, items: { ...faithful.properties?.items, maxItems: 100 } } },
    'maxItems',
  ],
  [
    'an enum',
    { ...faithful, properties: { ...faithful.properties, sort: { type: 'string', enum: ['asc', 'desc'] } } },
    'enum',
  ],
  [
    'a type',
    withItems({
      type: 'object',
      required: ['id'],
      properties: { id: { type: 'integer' }, stock: { type: 'integer', minimum: 0, maximum: 100000 } },
    }),
    'type integer',
  ],
  [
    'a required field',
    withItems({ type: 'object', properties: { id: { type: 'string' } } }),
    'optional, official required',
  ],
  [
    'an invented field',
    { ...faithful, properties: { ...faithful.properties, extra: { type: 'string' } } },
    'not in the official spec',
  ],
  [
    'a missing required field',
    { ...faithful, properties: { sort: faithful.properties?.sort as Schema }, required: [] },
    'not described',
  ],
] as [string, Schema, string][])('finds a difference in %s', (_what, schema, text) => {
  const diffs = compareWithOfficial(description(schema), official);
  expect(diffs.join('\n')).toContain(text);
});

it('finds an unknown operation, a method the spec lacks and a prose limit it does not state', () => {
  const other = description(faithful);
  other.paths['/v1/nowhere'] = { get: { operationId: 'x', responses: {} } };
  other.paths['/v1/items/{id}'].put = { operationId: 'y', responses: {} };
  const limits = description(faithful, { 'x-limits': { itemsPerRequest: { value: 1000, quote: 'до 1000 товаров' } } });
  const diffs = compareWithOfficial(other, official);
  expect(diffs).toContain('GET /v1/nowhere: no such operation in the official spec');
  expect(diffs).toContain('PUT /v1/items/{id}: no such operation in the official spec');
  expect(compareWithOfficial(limits, official).join('\n')).toContain('limit itemsPerRequest = 1000');
});

it('finds an answer the official spec does not have', () => {
  const diffs = compareWithOfficial(
    description(faithful, {
      responses: { '429': { description: 'rate', content: { 'application/json': { schema: {} } } } },
    }),
    official,
  );
  expect(diffs.join('\n')).toContain('answer 429: not in the official spec');
});

it('accepts an answer the official spec does not name only when it says where it is documented', () => {
  const declared = description(faithful, {
    responses: {
      '429': {
        description: 'rate',
        content: { 'application/json': { schema: {} } },
        'x-beyond-spec': 'the rate-limit page',
      },
    },
  });
  expect(compareWithOfficial(declared, official)).toEqual([]);
});

it('compares a machine-readable rate limit (x-resource-limit-config) when the description states one', () => {
  const rate = { path: 'req.items', none: { amount: 100, period: 'minutes', 'period-duration': 1 } };
  const theirs = JSON.parse(JSON.stringify(official));
  theirs.paths['/v1/items/{warehouseId}'].post['x-resource-limit-config'] = { ...rate, medium: rate.none };
  const ours = (amount: number) =>
    description(faithful, {
      'x-resource-limit-config': {
        path: 'req.items',
        none: { amount, period: 'minutes', 'period-duration': 1 },
        medium: { amount: 100, period: 'minutes', 'period-duration': 1 },
      },
    });
  expect(compareWithOfficial(ours(100), theirs)).toEqual([]);
  expect(compareWithOfficial(ours(1000), theirs).join('\n')).toContain('x-resource-limit-config');
});

it('matches an auth header the official spec declares as an apiKey security scheme', () => {
  const theirs = JSON.parse(JSON.stringify(official));
  const post = theirs.paths['/v1/items/{warehouseId}'].post;
  post.parameters = post.parameters.filter((p: { in: string }) => p.in !== 'header');
  theirs.security = [{ ApiKey: [] }];
  theirs.components = { securitySchemes: { ApiKey: { type: 'apiKey', in: 'header', name: 'Api-Key' } } };
  expect(compareWithOfficial(description(faithful), theirs)).toEqual([]);
  theirs.components.securitySchemes.ApiKey.name = 'Client-Secret';
  expect(compareWithOfficial(description(faithful), theirs)).toContain(
    'POST /v1/items/{id} header api-key: not in the official spec',
  );
});

describe('differences the first comparator missed (red-team review)', () => {
  const stock = (s: Schema) =>
    withItems({ ...faithful.properties?.items?.items, properties: { id: { type: 'string' }, stock: s } });

  it('a format that changes what a value is, and nullable', () => {
    const formatted = JSON.parse(JSON.stringify(official));
    formatted.paths['/v1/items/{warehouseId}'].post.requestBody.content[
      'application/json'
    ].schema.properties.items.items.allOf[1].properties.stock.format = 'int64';
    const diffs = compareWithOfficial(description(faithful), formatted).join('\n');
    expect(diffs).toContain('stock: format undefined, official int64');
    const nullable = compareWithOfficial(
      description(stock({ type: 'integer', minimum: 0, maximum: 100000, nullable: true })),
      official,
    );
    expect(nullable.join('\n')).toContain('nullable true, official false');
  });

  it('an untyped property, our own alternatives, and additional properties the official refuses', () => {
    expect(compareWithOfficial(description(stock({ minimum: 0, maximum: 100000 })), official).join('\n')).toContain(
      'type (none), official integer',
    );
    const alternatives = stock({ oneOf: [{ type: 'string' }, { type: 'integer', minimum: 0, maximum: 100000 }] });
    expect(compareWithOfficial(description(alternatives), official).join('\n')).toContain('<oneOf0>: type string');
    const closed = JSON.parse(JSON.stringify(official));
    closed.paths['/v1/items/{warehouseId}'].post.requestBody.content['application/json'].schema.additionalProperties =
      false;
    expect(compareWithOfficial(description(faithful), closed).join('\n')).toContain('additional properties allowed');
  });

  it('a prose limit must state its number whole: 10 is not in «до 100 товаров»', () => {
    const ten = description(faithful, { 'x-limits': { itemsPerRequest: { value: 10, quote: 'до 100 товаров' } } });
    expect(compareWithOfficial(ten, official).join('\n')).toContain('limit itemsPerRequest = 10');
    // Nor is «до 10» there, though the text begins so: the number goes on.
    const cut = description(faithful, { 'x-limits': { itemsPerRequest: { value: 10, quote: 'до 10' } } });
    expect(compareWithOfficial(cut, official).join('\n')).toContain('limit itemsPerRequest = 10');
  });

  it('a form body (a token request) is compared as a JSON one is', () => {
    const form = (schema: Schema) => ({ 'application/x-www-form-urlencoded': { schema } });
    const theirs = JSON.parse(JSON.stringify(official));
    const post = theirs.paths['/v1/items/{warehouseId}'].post;
    post.requestBody.content = form(post.requestBody.content['application/json'].schema);
    const ours = description(faithful);
    const op = ours.paths['/v1/items/{id}'].post!;
    op.requestBody = { required: true, content: form(faithful) };
    expect(compareWithOfficial(ours, theirs)).toEqual([]);
    op.requestBody = { required: true, content: form({ ...faithful, required: [] }) };
    expect(compareWithOfficial(ours, theirs).join('\n')).toContain('request.items: optional, official required');
  });
});
