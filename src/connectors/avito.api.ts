/**
 * The project's description of the Avito operations the connector calls, written by hand from the
 * official specs of 2026-04-30 named in `x-follows` (../shared/contracts/avito: «Авторизация» v1,
 * «Управление остатками» 1.0.0, «Управление заказами» 1.0.0). Request bodies forbid fields the spec
 * does not define, so a misspelt field is caught by the sandbox; properties the add-on never reads
 * are left out of answers. Authorization is the spec's own `Authorization: Bearer …` header
 * parameter; the token comes from POST /token (client_credentials, a form, not JSON).
 */
import type { ApiDescription, Parameter, ProseLimit, Response, Schema } from './apiDescription';

const int64: Schema = { type: 'integer', format: 'int64' };

const json = (description: string, schema: Schema): Response => ({
  description,
  content: { 'application/json': { schema } },
});

const auth: Parameter = {
  name: 'Authorization',
  in: 'header',
  required: true,
  description: 'Токен для авторизации: Bearer ACCESS_TOKEN',
  schema: { type: 'string' },
};

/** Stock management's error body: only `message` (additionalProperties false in the spec). */
const stockError: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['message'],
  properties: { message: { type: 'string' } },
};

/** Order management's error body: `code` and `message`, both required. */
const orderError: Schema = {
  type: 'object',
  required: ['message', 'code'],
  properties: { code: { type: 'integer' }, message: { type: 'string' } },
};

/** The answers every stock-management operation names besides 200. */
const STOCK_ERRORS: Record<string, Response> = {
  '400': json('Bad request', stockError),
  '401': json('Unauthorized', stockError),
  '429': json('Too Many Requests', stockError),
  '500': json('Internal Error', stockError),
};

const ORDER_ERRORS: Record<string, Response> = {
  '400': json('Bad request', orderError),
  '401': json('Unauthorized', orderError),
  '403': json('Forbidden', orderError),
  '429': json('Too Many Requests', orderError),
  '500': json('Internal Error', orderError),
};

const perMinute = (value: number): ProseLimit => ({
  value,
  quote: `Максимальное количество запросов в минуту - ${value}`,
});
const perRequest = (value: number): ProseLimit => ({
  value,
  quote: `Максимальное количество элементов в одном запросе - ${value}`,
});

/** GetTokenRequest: the client_credentials grant, sent as a form. */
const tokenRequest: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['grant_type', 'client_id', 'client_secret'],
  properties: {
    client_id: { type: 'string' },
    client_secret: { type: 'string' },
    grant_type: { type: 'string' },
  },
};

const tokenAnswer: Schema = {
  type: 'object',
  properties: {
    access_token: { type: 'string' },
    expires_in: { type: 'number', format: 'int32' },
    token_type: { type: 'string' },
  },
};

/**
 * The spec names only the 200 of POST /token. A refused client is answered as OAuth 2.0 says
 * (RFC 6749 §5.2: 400, `error` with `error_description`); which status and body Avito really gives is
 * one of the connector's AVITO_VERIFY facts, and the connector reads any non-token answer as a refusal.
 */
const tokenRefused: Response = {
  description: 'Клиент не опознан (invalid_client) или запрос неверен',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['error'],
        properties: { error: { type: 'string' }, error_description: { type: 'string' } },
      },
    },
  },
  'x-beyond-spec':
    'OAuth 2.0, RFC 6749 §5.2 (error response of the token endpoint); the Avito spec lists only 200 for POST /token',
};

const stocksRequest: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['stocks'],
  properties: {
    stocks: {
      type: 'array',
      minItems: 1,
      maxItems: 200,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['item_id', 'quantity'],
        properties: {
          external_id: { type: 'string' },
          item_id: int64,
          quantity: { ...int64, minimum: 0, maximum: 999_999 },
        },
      },
    },
  },
};

const stocksAnswer: Schema = {
  type: 'object',
  properties: {
    stocks: {
      type: 'array',
      items: {
        type: 'object',
        required: ['item_id', 'success'],
        properties: {
          errors: { type: 'array', items: { type: 'string' } },
          external_id: { type: 'string', nullable: true },
          item_id: int64,
          success: { type: 'boolean' },
        },
      },
    },
  },
};

const infoRequest: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['item_ids'],
  properties: {
    // The schema allows 500; the operation's text says 10 («Максимальное количество элементов … - 10»).
    item_ids: { type: 'array', minItems: 1, maxItems: 500, items: { type: 'integer' } },
    strong_consistency: { type: 'boolean' },
  },
};

const infoAnswer: Schema = {
  type: 'object',
  properties: {
    stocks: {
      type: 'array',
      items: {
        type: 'object',
        required: ['item_id', 'is_unlimited', 'is_multiple', 'quantity', 'is_out_of_stock'],
        properties: {
          is_multiple: { type: 'boolean' },
          is_out_of_stock: { type: 'boolean' },
          is_unlimited: { type: 'boolean' },
          item_id: int64,
          /** «Доступное количество товара (количество с подачи или редактирования минус бронь)». */
          quantity: int64,
        },
      },
    },
  },
};

const orderItem: Schema = {
  type: 'object',
  required: ['avitoId', 'title', 'prices', 'count'],
  properties: {
    /** «ID товара в базе Avito»: the listing, the item_id stock is set by. */
    avitoId: { type: 'string' },
    count: { type: 'integer' },
    /** «ID товара в базе продавца». */
    id: { type: 'string' },
    prices: { type: 'object', properties: { price: { type: 'number' }, total: { type: 'number' } } },
    title: { type: 'string' },
  },
};

const ordersAnswer: Schema = {
  type: 'object',
  required: ['orders', 'hasMore'],
  properties: {
    hasMore: { type: 'boolean' },
    orders: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'createdAt', 'updatedAt', 'items', 'prices', 'status', 'delivery', 'schedules'],
        properties: {
          createdAt: { type: 'string' },
          delivery: { type: 'object', properties: { serviceName: { type: 'string' } } },
          id: { type: 'string' },
          items: { type: 'array', items: orderItem },
          prices: { type: 'object', properties: { price: { type: 'number' }, total: { type: 'number' } } },
          schedules: {
            type: 'object',
            properties: { shipTill: { type: 'string', nullable: true } },
          },
          status: { type: 'string' },
          updatedAt: { type: 'string' },
        },
      },
    },
  },
};

const ordersParameters: Parameter[] = [
  auth,
  { name: 'dateFrom', in: 'query', description: 'Метка времени (Unix, секунды) создания', schema: { type: 'integer' } },
  { name: 'page', in: 'query', description: 'Номер страницы для пагинации', schema: { type: 'integer' } },
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 0, maximum: 20 } },
  // Not sent (every status is read): described for its enum, the statuses the connector maps.
  {
    name: 'statuses',
    in: 'query',
    schema: {
      type: 'array',
      items: {
        type: 'string',
        enum: [
          'on_confirmation',
          'ready_to_ship',
          'in_transit',
          'canceled',
          'delivered',
          'on_return',
          'in_dispute',
          'closed',
        ],
      },
    },
  },
];

export const AVITO_API: ApiDescription = {
  openapi: '3.0.3',
  info: { title: 'Avito API для бизнеса — what «Остатки» calls', version: '1.0' },
  servers: [{ url: 'https://api.avito.ru' }],
  'x-follows': {
    files: ['avito/authorization.json', 'avito/stock-management.json', 'avito/order-management.json'],
    date: '2026-04-30',
    note: '«Время действия токена ограничено - 24 часа с момента его получения» (authorization.json, tag Access)',
  },
  paths: {
    '/token': {
      post: {
        operationId: 'getAccessToken',
        summary: 'Получение access token',
        requestBody: { content: { 'application/x-www-form-urlencoded': { schema: tokenRequest } } },
        responses: { '200': json('Успешный ответ', tokenAnswer), '400': tokenRefused },
      },
    },
    '/stock-management/1/stocks': {
      put: {
        operationId: 'stocksUpdate',
        summary: 'Редактирование остатков',
        parameters: [auth],
        requestBody: { required: true, content: { 'application/json': { schema: stocksRequest } } },
        responses: { '200': json('Success', stocksAnswer), ...STOCK_ERRORS },
        'x-limits': { itemsPerRequest: perRequest(200), requestsPerMinute: perMinute(100) },
      },
    },
    '/stock-management/1/info': {
      post: {
        operationId: 'stocksInfo',
        summary: 'Получение остатков',
        parameters: [auth],
        requestBody: { required: true, content: { 'application/json': { schema: infoRequest } } },
        responses: { '200': json('Success', infoAnswer), ...STOCK_ERRORS },
        'x-limits': { itemsPerRequest: perRequest(10), requestsPerMinute: perMinute(100) },
      },
    },
    '/order-management/1/orders': {
      get: {
        operationId: 'getOrders',
        summary: 'Получение информации о заказах',
        parameters: ordersParameters,
        responses: { '200': json('Success', ordersAnswer), ...ORDER_ERRORS },
        'x-limits': { requestsPerMinute: perMinute(500) },
      },
    },
  },
};
