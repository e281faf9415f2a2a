/**
 * The project's description of the Ozon Seller API operations the connector calls, written by hand
 * from the official subset of 2026-09-29 (../shared/contracts/ozon/ozon-seller-2026-10-subset.json;
 * see SOURCE-2026-10-subset.md there). Request bodies forbid fields the spec does not define, so a
 * misspelt field is caught by the sandbox. Properties the add-on never reads are left out of answers.
 */
import type { ApiDescription, Parameter, Response, Schema } from './apiDescription';

const int64: Schema = { type: 'integer', format: 'int64' };
const int64String: Schema = { type: 'string', format: 'int64' };
const dateTime: Schema = { type: 'string', format: 'date-time' };

/** Every operation but the warehouse stock read declares these two headers. */
const auth: Parameter[] = [
  { name: 'Client-Id', in: 'header', required: true, schema: { type: 'string' } },
  { name: 'Api-Key', in: 'header', required: true, schema: { type: 'string' } },
];

/** Ozon's error body (`rpcStatus`). */
const rpcStatus: Schema = {
  type: 'object',
  properties: {
    code: { type: 'integer', format: 'int32' },
    message: { type: 'string' },
    details: {
      type: 'array',
      items: { type: 'object', properties: { typeUrl: { type: 'string' }, value: { type: 'string', format: 'byte' } } },
    },
  },
};

const json = (schema: Schema) => ({ 'application/json': { schema } });
const error = (description: string): Response => ({ description, content: json(rpcStatus) });

/** The error answers of operations that list them one by one. */
const errors: Record<string, Response> = {
  '400': error('Неверный параметр'),
  '403': error('Доступ запрещён'),
  '404': error('Ответ не найден'),
  '409': error('Конфликт запроса'),
  '500': error('Внутренняя ошибка сервера'),
};

/**
 * Ozon answers a request over its rate limits with 429 (rpcStatus and Retry-After), which the
 * operations that list their errors one by one do not name; it is declared as beyond the spec.
 */
const tooManyRequests: Response = {
  description: 'Превышен лимит запросов',
  content: json(rpcStatus),
  'x-beyond-spec': 'Ozon Seller API, «Лимиты запросов»: 429 with Retry-After; the swagger paths name no 429',
};

const productsStocksRequest: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['stocks'],
  properties: {
    stocks: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        // The spec also lists `quant_size`, a field it no longer defines (switched off 2025-06-26).
        required: ['product_id', 'stock', 'warehouse_id'],
        properties: { offer_id: { type: 'string' }, product_id: int64, stock: int64, warehouse_id: int64 },
      },
    },
  },
};

const productsStocksAnswer: Schema = {
  type: 'object',
  properties: {
    result: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          errors: {
            type: 'array',
            items: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } },
          },
          offer_id: { type: 'string' },
          product_id: int64,
          updated: { type: 'boolean' },
          warehouse_id: int64,
        },
      },
    },
  },
};

const warehouseStocksRequest: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['limit', 'warehouse_id'],
  properties: {
    cursor: { type: 'string' },
    limit: { ...int64, minimum: 1, maximum: 1000 },
    warehouse_id: int64,
  },
};

const warehouseStocksAnswer: Schema = {
  type: 'object',
  properties: {
    cursor: { type: 'string' },
    has_next: { type: 'boolean' },
    stocks: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          /** «Количество товара на складе, которое доступно для заказа»: what Ozon shows for sale. */
          free_stock: int64,
          offer_id: { type: 'string' },
          /** «Общее количество товара на складе», reserved units included. */
          present: int64,
          product_id: int64,
          reserved: int64,
          sku: int64,
          updated_at: dateTime,
          warehouse_id: int64,
        },
      },
    },
  },
};

const postingsRequest: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['filter', 'limit'],
  properties: {
    cursor: { type: 'string' },
    filter: {
      type: 'object',
      additionalProperties: false,
      // The spec's `pattern` on since/to (" YYYY-MM-DDThh:mm:ssZ", a literal with a leading space) is a
      // documentation quirk no real date matches; the date-time format is what it means.
      required: ['since', 'to'],
      properties: {
        since: dateTime,
        to: dateTime,
        last_changed_status_date: {
          type: 'object',
          additionalProperties: false,
          properties: { from: dateTime, to: dateTime },
        },
        statuses: { type: 'array', items: { type: 'string' } },
        warehouse_ids: { type: 'array', maxItems: 1000, items: int64String },
      },
    },
    limit: { ...int64, minimum: 1, maximum: 100 },
    sort_dir: { type: 'string', enum: ['ASC', 'DESC'] },
  },
};

const postingsAnswer: Schema = {
  type: 'object',
  properties: {
    cursor: { type: 'string' },
    has_next: { type: 'boolean' },
    postings: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          posting_number: { type: 'string' },
          order_id: int64,
          status: { type: 'string' },
          in_process_at: dateTime,
          delivery_method: { type: 'object', properties: { warehouse_id: int64 } },
          products: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                offer_id: { type: 'string' },
                sku: int64,
                name: { type: 'string' },
                quantity: { type: 'integer', format: 'int32' },
              },
            },
          },
        },
      },
    },
  },
};

const warehousesRequest: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['limit'],
  properties: { cursor: { type: 'string' }, limit: { type: 'integer', maximum: 200 } },
};

const warehousesAnswer: Schema = {
  type: 'object',
  properties: {
    cursor: { type: 'string' },
    has_next: { type: 'boolean' },
    warehouses: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          warehouse_id: int64,
          name: { type: 'string' },
          status: { type: 'string' },
          is_rfbs: { type: 'boolean' },
        },
      },
    },
  },
};

export const OZON_API: ApiDescription = {
  openapi: '3.0.3',
  info: { title: 'Ozon Seller API — what «Остатки» calls', version: '2.1' },
  servers: [{ url: 'https://api-seller.ozon.ru' }],
  'x-follows': { files: ['ozon/ozon-seller-2026-10-subset.json'], date: '2026-09-29' },
  paths: {
    '/v2/products/stocks': {
      post: {
        operationId: 'ProductAPI_ProductsStocksV2',
        summary: 'Обновить количество товаров на складах',
        parameters: auth,
        requestBody: { required: true, content: json(productsStocksRequest) },
        responses: {
          '200': { description: 'Количество товаров обновлено', content: json(productsStocksAnswer) },
          ...errors,
          '429': tooManyRequests,
        },
        'x-limits': {
          pairsPerRequest: { value: 100, quote: 'За один запрос можно изменить наличие для 100 пар товар-склад' },
          requestsPerMinute: { value: 80, quote: 'С одного аккаунта продавца можно отправить до 80 запросов в минуту' },
          samePairIntervalSeconds: {
            value: 30,
            quote: 'Обновлять остатки у одной пары товар-склад можно только 1 раз в 30 секунд',
          },
        },
      },
    },
    '/v1/product/info/warehouse/stocks': {
      post: {
        operationId: 'ProductInfoWarehouseStocks',
        summary: 'Получить информацию по остаткам на складе FBS и rFBS',
        // The spec names no Client-Id/Api-Key here (a quirk): the connector sends them all the same.
        requestBody: { content: json(warehouseStocksRequest) },
        responses: {
          '200': { description: 'Количество товара на складе FBS и rFBS', content: json(warehouseStocksAnswer) },
          default: error('Ошибка'),
        },
      },
    },
    '/v4/posting/fbs/list': {
      post: {
        operationId: 'PostingFbsList',
        summary: 'Список отправлений',
        description: 'Период — не больше одного года.',
        parameters: auth,
        requestBody: { required: true, content: json(postingsRequest) },
        responses: {
          '200': { description: 'Список отправлений', content: json(postingsAnswer) },
          ...errors,
          '429': tooManyRequests,
        },
      },
    },
    '/v2/warehouse/list': {
      post: {
        operationId: 'WarehouseListV2',
        summary: 'Список складов',
        parameters: auth,
        requestBody: { content: json(warehousesRequest) },
        responses: {
          '200': { description: 'Список складов', content: json(warehousesAnswer) },
          default: error('Ошибка'),
        },
      },
    },
  },
};
