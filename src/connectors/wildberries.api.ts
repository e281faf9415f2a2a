/**
 * The project's own description of the Wildberries operations the connector calls, written by hand
 * from the official files named in `x-follows` (dev.wildberries.ru, snapshot 2026-07-23). Properties
 * the add-on never reads are left out; every answer the sandbox gives is described. Authorization
 * is the spec's security scheme `HeaderApiKey` (header `Authorization`), not a parameter: the
 * sandbox checks it itself.
 */
import type { ApiDescription, Operation, ProseLimit, Response, Schema } from './apiDescription';

const STOCKS_LIMITS = 'Лимит запросов на один аккаунт продавца для всех методов остатков на складах продавца';
const FBS_LIMITS = 'Лимит запросов на один аккаунт продавца для методов сборочных заданий, поставок и пропусков FBS';

/** The rate limit table every Marketplace API operation repeats (per group of methods), and WB's ×10 for a 4xx. */
const MARKETPLACE_RATE: Record<string, ProseLimit> = {
  requestsPerMinute: { value: 300, quote: '1 мин | 300 запросов' },
  intervalMs: { value: 200, quote: '300 запросов | 200 мс' },
  burst: { value: 20, quote: '200 мс | 20 запросов' },
  costOf4xx: { value: 10, quote: 'Один запрос с кодами ответов <code>4XX</code> учитывается как 10 запросов' },
};

/** `{code, message, data}`: the Marketplace API's error body (400, 403, 404, 406). */
const MARKETPLACE_ERROR: Schema = {
  type: 'object',
  nullable: false,
  properties: {
    code: { type: 'string', nullable: false },
    message: { type: 'string', nullable: false },
    data: { type: 'object', nullable: true },
  },
};

/** 401 and 429: the gateway's problem details. */
const PROBLEM: Schema = {
  type: 'object',
  properties: {
    title: { type: 'string' },
    detail: { type: 'string' },
    code: { type: 'string' },
    requestId: { type: 'string' },
    origin: { type: 'string' },
    status: { type: 'number' },
    statusText: { type: 'string' },
    timestamp: { type: 'string', format: 'date-time' },
  },
};

/** The Content API's error body. */
const CONTENT_ERROR: Schema = {
  type: 'object',
  properties: {
    data: { type: 'object', nullable: true },
    error: { type: 'boolean' },
    errorText: { type: 'string' },
    additionalErrors: { type: 'object', nullable: true },
  },
};

const json = (description: string, schema: Schema, type = 'application/json'): Response => ({
  description,
  content: { [type]: { schema } },
});

const WAREHOUSE_ID = {
  name: 'warehouseId',
  in: 'path' as const,
  required: true,
  description: 'ID склада продавца',
  schema: { type: 'integer' as const, format: 'int64' },
};

/** Answers every seller-stocks operation may give (02-items: problem details as application/problem+json). */
const STOCK_ERRORS: Record<string, Response> = {
  '400': json('Неправильный запрос', MARKETPLACE_ERROR),
  '401': json('Не авторизован', PROBLEM, 'application/problem+json'),
  '404': json('Не найдено', MARKETPLACE_ERROR),
  '429': json('Слишком много запросов', PROBLEM, 'application/problem+json'),
};

/** Answers of the FBS assembly-task operations (03-orders-fbs: problem details as application/json). */
const FBS_ERRORS: Record<string, Response> = {
  '401': json('Не авторизован', PROBLEM),
  '429': json('Слишком много запросов', PROBLEM),
};

const setStocks: Operation = {
  operationId: 'put /api/v3/stocks/{warehouseId}',
  summary: 'Обновить остатки товаров',
  description: `${STOCKS_LIMITS}. Названия параметров запроса не валидируются: 204 и без обновления.`,
  parameters: [WAREHOUSE_ID],
  requestBody: {
    content: {
      'application/json': {
        schema: {
          type: 'object',
          required: ['stocks'],
          properties: {
            stocks: {
              type: 'array',
              minItems: 1,
              maxItems: 1000,
              items: {
                type: 'object',
                properties: {
                  chrtId: { type: 'integer', description: 'ID размера товара' },
                  amount: { type: 'integer', maximum: 100000, description: 'Остаток' },
                },
              },
            },
          },
        },
      },
    },
  },
  responses: {
    '204': { description: 'Обновлено' },
    ...STOCK_ERRORS,
    '406': json('Обновление остатков заблокировано: StatusNotAcceptable, WarehouseStocksUpdateBlock', {
      type: 'object',
      properties: {
        code: { type: 'string', nullable: false },
        message: { type: 'string', nullable: false },
        data: { type: 'object', nullable: true },
      },
    }),
    '409': json('Ошибка обновления остатков (NotFound, StoreIsProcessing, …), по товарам в data', {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          data: {
            type: 'array',
            nullable: true,
            items: {
              type: 'object',
              properties: {
                sku: { type: 'string', description: 'Баркод' },
                chrtId: { type: 'integer', description: 'ID размера товара' },
                amount: { type: 'integer', description: 'Остаток' },
              },
            },
          },
          code: { type: 'string' },
          message: { type: 'string' },
        },
      },
    }),
  },
  'x-limits': MARKETPLACE_RATE,
};

const readStocks: Operation = {
  operationId: 'post /api/v3/stocks/{warehouseId}',
  summary: 'Получить остатки товаров',
  description: STOCKS_LIMITS,
  parameters: [WAREHOUSE_ID],
  requestBody: {
    required: true,
    content: {
      'application/json': {
        schema: {
          type: 'object',
          nullable: false,
          required: ['chrtIds'],
          properties: { chrtIds: { type: 'array', maxItems: 1000, items: { type: 'integer' } } },
        },
      },
    },
  },
  responses: {
    '200': json('Успешно', {
      type: 'object',
      properties: {
        stocks: {
          type: 'array',
          nullable: false,
          items: {
            type: 'object',
            properties: {
              chrtId: { type: 'integer', description: 'ID размера товара' },
              amount: { type: 'integer', nullable: false, description: 'Остаток' },
            },
          },
        },
      },
    }),
    ...STOCK_ERRORS,
  },
  'x-limits': MARKETPLACE_RATE,
};

const listWarehouses: Operation = {
  operationId: 'get /api/v3/warehouses',
  summary: 'Получить список складов продавца',
  responses: {
    '200': json('Успешно', {
      type: 'array',
      nullable: false,
      items: {
        type: 'object',
        properties: {
          name: { type: 'string', nullable: false },
          officeId: { type: 'integer', format: 'int64', nullable: false },
          id: { type: 'integer', format: 'int64', nullable: false },
          cargoType: { type: 'integer', enum: [1, 2, 3] },
          deliveryType: { type: 'integer', enum: [1, 2, 3, 5, 6] },
          isDeleting: { type: 'boolean', nullable: false },
          isProcessing: { type: 'boolean', nullable: false, description: 'Данные склада обновляются' },
        },
      },
    }),
    '401': STOCK_ERRORS['401'],
    '429': STOCK_ERRORS['429'],
  },
  'x-limits': MARKETPLACE_RATE,
};

const listCards: Operation = {
  operationId: 'post /content/v2/get/cards/list',
  summary: 'Список карточек товаров',
  description: 'Пагинация: повторять, пока total в ответе не станет меньше limit в запросе.',
  requestBody: {
    required: true,
    content: {
      'application/json': {
        schema: {
          type: 'object',
          properties: {
            settings: {
              type: 'object',
              properties: {
                sort: { type: 'object', properties: { ascending: { type: 'boolean' } } },
                filter: { type: 'object', properties: { withPhoto: { type: 'integer', enum: [-1, 0, 1, 2] } } },
                cursor: {
                  type: 'object',
                  properties: {
                    limit: { type: 'integer', maximum: 100 },
                    updatedAt: { type: 'string', nullable: true },
                    nmID: { type: 'integer' },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
  responses: {
    '200': json('Успешно', {
      type: 'object',
      properties: {
        cards: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              nmID: { type: 'integer' },
              vendorCode: { type: 'string' },
              sizes: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    chrtID: { type: 'integer' },
                    techSize: { type: 'string' },
                    skus: { type: 'array', items: { type: 'string' } },
                  },
                },
              },
              updatedAt: { type: 'string' },
            },
          },
        },
        cursor: {
          type: 'object',
          properties: { updatedAt: { type: 'string' }, nmID: { type: 'integer' }, total: { type: 'integer' } },
        },
      },
    }),
    '400': json('Неправильный запрос', CONTENT_ERROR),
    '401': json('Не авторизован', PROBLEM, 'application/problem+json'),
    '429': json('Слишком много запросов', PROBLEM, 'application/problem+json'),
  },
  'x-limits': {
    requestsPerMinute: { value: 100, quote: '1 мин | 100 запросов' },
    intervalMs: { value: 600, quote: '100 запросов | 600 мс' },
    burst: { value: 5, quote: '600 мс | 5 запросов' },
  },
};

/** What the add-on reads of an assembly task (every field the official schema has is optional). */
const ORDER: Schema = {
  type: 'object',
  properties: {
    id: { type: 'integer', format: 'int64', nullable: false },
    rid: { type: 'string', nullable: false },
    orderUid: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time', nullable: false },
    warehouseId: { type: 'integer', nullable: false },
    nmId: { type: 'integer', nullable: false },
    chrtId: { type: 'integer', nullable: false },
    article: { type: 'string', nullable: false },
    skus: { type: 'array', nullable: false, items: { type: 'string' } },
    deliveryType: { type: 'string', nullable: false, enum: ['fbs'] },
    cargoType: { type: 'integer', nullable: false, enum: [1, 2, 3] },
    price: { type: 'integer', nullable: false },
    convertedPrice: { type: 'integer', nullable: false },
    currencyCode: { type: 'integer', nullable: false },
    officeId: { type: 'integer', format: 'int64', nullable: false },
  },
};

const newOrders: Operation = {
  operationId: 'get /api/v3/orders/new',
  summary: 'Получить список новых сборочных заданий',
  description: FBS_LIMITS,
  responses: {
    '200': json('Успешно', {
      type: 'object',
      nullable: false,
      properties: { orders: { type: 'array', nullable: false, items: ORDER } },
    }),
    ...FBS_ERRORS,
  },
  'x-limits': MARKETPLACE_RATE,
};

const listOrders: Operation = {
  operationId: 'get /api/v3/orders',
  summary: 'Получить информацию о сборочных заданиях',
  description: `${FBS_LIMITS}. Максимум 30 календарных дней одним запросом.`,
  parameters: [
    { name: 'limit', in: 'query', required: true, schema: { type: 'integer', minimum: 1, maximum: 1000 } },
    { name: 'next', in: 'query', required: true, schema: { type: 'integer', format: 'int64' } },
    { name: 'dateFrom', in: 'query', schema: { type: 'integer' } },
    { name: 'dateTo', in: 'query', schema: { type: 'integer' } },
  ],
  responses: {
    '200': json('Успешно', {
      type: 'object',
      nullable: false,
      properties: {
        next: { type: 'integer', format: 'int64', nullable: false },
        orders: { type: 'array', nullable: false, items: ORDER },
      },
    }),
    '400': json('Неправильный запрос', MARKETPLACE_ERROR),
    ...FBS_ERRORS,
  },
  'x-limits': {
    ...MARKETPLACE_RATE,
    windowDays: { value: 30, quote: 'Максимум 30 календарных дней одним запросом' },
    keptMonths: { value: 3, quote: 'созданных не более 3 месяцев назад' },
  },
};

export const WB_SUPPLIER_STATUSES = ['new', 'confirm', 'complete', 'cancel'] as const;
export const WB_STATUSES = [
  'waiting',
  'sorted',
  'sold',
  'canceled',
  'canceled_by_client',
  'declined_by_client',
  'defect',
  'ready_for_pickup',
  'postponed_delivery',
  'accepted_by_carrier',
  'sent_to_carrier',
] as const;

const orderStatuses: Operation = {
  operationId: 'post /api/v3/orders/status',
  summary: 'Получить статусы сборочных заданий',
  description: FBS_LIMITS,
  requestBody: {
    content: {
      'application/json': {
        schema: {
          type: 'object',
          required: ['orders'],
          properties: {
            orders: { type: 'array', minItems: 1, maxItems: 1000, items: { type: 'integer', format: 'int64' } },
          },
        },
      },
    },
  },
  responses: {
    '200': json('Успешно', {
      type: 'object',
      properties: {
        orders: {
          type: 'array',
          nullable: false,
          items: {
            type: 'object',
            properties: {
              id: { type: 'integer', format: 'int64', nullable: false },
              isCancellable: { type: 'boolean', nullable: false },
              supplierStatus: { type: 'string', nullable: false, enum: [...WB_SUPPLIER_STATUSES] },
              wbStatus: { type: 'string', nullable: false, enum: [...WB_STATUSES] },
            },
          },
        },
      },
    }),
    '400': json('Неправильный запрос', MARKETPLACE_ERROR),
    ...FBS_ERRORS,
  },
  'x-limits': MARKETPLACE_RATE,
};

export const WB_API: ApiDescription = {
  openapi: '3.0.3',
  info: { title: 'Wildberries: seller stocks, warehouses, cards list, FBS assembly tasks', version: '2026-07-23' },
  servers: [{ url: 'https://marketplace-api.wildberries.ru' }, { url: 'https://content-api.wildberries.ru' }],
  'x-follows': {
    files: ['wildberries/02-items.yaml', 'wildberries/03-orders-fbs.yaml'],
    date: '2026-07-23',
    note: 'mkrvas/wb-seller-api-reference, commit 0556a27665c13f3d21b45fe56339498d68971e92 (mirror of dev.wildberries.ru)',
  },
  paths: {
    '/api/v3/stocks/{warehouseId}': { put: setStocks, post: readStocks },
    '/api/v3/warehouses': { get: listWarehouses },
    '/content/v2/get/cards/list': { post: listCards },
    '/api/v3/orders/new': { get: newOrders },
    '/api/v3/orders': { get: listOrders },
    '/api/v3/orders/status': { post: orderStatuses },
  },
};
