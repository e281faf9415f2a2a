/**
 * The project's description of the AliExpress Russia operations the connector calls. AliExpress
 * publishes no machine-readable spec: this follows docs/marketplace-apis.md §5 (the official help
 * pages and the generated client it cites), and every fact none of them confirms is listed once, in
 * ALI_VERIFY, which the live check prints. Stock is set asynchronously: the answer gives a `group_id`,
 * and only its tasks (`GET /api/v1/tasks`) say whether each product's stock took.
 */
import type { ApiDescription, Parameter, Response, Schema } from './apiDescription';

/**
 * Everything about AliExpress the connector assumes and no official source confirms: check each on a
 * real account (`npm run live-check -- --channel aliexpress`) before a seller relies on it.
 */
export const ALI_VERIFY: readonly string[] = [
  'товары, остатки и задачи (/api/v1/…) — на openapi.ru.laliexpress.com, заказы (/seller-api/v1/…) — на openapi.aliexpress.ru (так вызывают клиенты 2026 года); в манифесте разрешены оба хоста',
  'product/update-sku-stock: до 1000 товаров за запрос (предел создания и обновления товаров, для остатков — предположение) и 100 000 товаров за 4 часа',
  'inventory — строка от "0" до "999999" ("0" принимается: товар закончился)',
  'results[] ответа идут в порядке products[]; ok: false — товар отклонён сразу, errors — словарь «поле → текст»',
  'задача (GET /api/v1/tasks?group_id=) — одна на товар (product_id): status 1 создана, 2 обрабатывается, 3 успех, 4 ошибка; batch_results по sku_code может отклонить отдельный SKU',
  'результат задачи обычно готов за десятки секунд: коннектор ждёт его до 30 с в том же запуске, иначе проверяет в следующем; задача, о которой ничего не известно сутки, считается потерянной',
  'scroll-short-product-by-filter: limit — строка, не больше "50"; last_product_id — id последнего товара страницы; ответ data[] с sku[]{id, sku_id, code}',
  'POST /api/v1/stocks: до 100 SKU (sku_id) за запрос; max_sellable_quantity — то, что покупатель может заказать',
  'get-order-list: page с 1, page_size до 50, update_at_from / update_at_to — «YYYY-MM-DDThh:mm:ssZ»; order_lines[] с sku_id и quantity',
  'статусы: delivery_status Shipped / Delivered — отгружен; Cancelled (заказа или доставки) — отменён; Finished — завершён после доставки; PartialShipped — держим резерв, пока заказ не отгружен целиком',
  'лимит запросов — 5 в секунду (лимиты не опубликованы); превышение — HTTP 429 с Retry-After',
];

const json = (schema: Schema) => ({ 'application/json': { schema } });
const text: Schema = { type: 'string' };
const int: Schema = { type: 'integer' };
/** «YYYY-MM-DDThh:mm:ssZ», as the order list takes it. */
const secondsUtc: Schema = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$' };

const auth: Parameter[] = [{ name: 'x-auth-token', in: 'header', required: true, schema: { type: 'string' } }];

const errorObject: Schema = {
  type: 'object',
  properties: { code: { oneOf: [text, int] }, message: text },
};
/** Any failure: `error` with a code and a message. */
const failure: Response = {
  description: 'Ошибка',
  content: json({ type: 'object', properties: { error: errorObject } }),
};

const updateSkuStockRequest: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['products'],
  properties: {
    products: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['product_id', 'skus'],
        properties: {
          product_id: { type: 'string', minLength: 1 },
          skus: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['sku_code', 'inventory'],
              properties: {
                sku_code: { type: 'string', minLength: 1 },
                inventory: { type: 'string', pattern: '^(0|[1-9]\\d{0,5})$' },
              },
            },
          },
        },
      },
    },
  },
};

/** `errors`: a map «field → text» in the generated client; a list is read as well. */
const validationErrors: Schema = {
  oneOf: [
    { type: 'object', additionalProperties: text },
    { type: 'array', items: { oneOf: [text, { type: 'object' }] } },
  ],
};

const updateSkuStockAnswer: Schema = {
  type: 'object',
  properties: {
    group_id: text,
    results: {
      type: 'array',
      items: { type: 'object', properties: { ok: { type: 'boolean' }, task_id: text, errors: validationErrors } },
    },
    error: errorObject,
  },
};

const task: Schema = {
  type: 'object',
  properties: {
    id: text,
    group_id: text,
    action: int,
    status: { type: 'integer', enum: [1, 2, 3, 4] },
    product_id: text,
    error: { type: 'object', properties: { code: text, message: text } },
    batch_results: {
      type: 'object',
      additionalProperties: { type: 'object', properties: { success: { type: 'boolean' }, error: text } },
    },
    created_at: { type: 'string', format: 'date-time' },
    updated_at: { type: 'string', format: 'date-time' },
  },
};

const productsRequest: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['limit'],
  properties: {
    filter: { type: 'object' },
    last_product_id: text,
    limit: { type: 'string', pattern: '^[1-9]\\d*$' },
  },
};

const productsAnswer: Schema = {
  type: 'object',
  properties: {
    data: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: text,
          subject: text,
          sku: {
            type: 'array',
            items: { type: 'object', properties: { id: text, sku_id: text, code: text, ipm_sku_stock: text } },
          },
        },
      },
    },
    error: errorObject,
  },
};

const stocksRequest: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['stocks'],
  properties: {
    stocks: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['sku'],
        properties: { sku: { type: 'string', minLength: 1 }, sc_item_id: text },
      },
    },
  },
};

const stocksAnswer: Schema = {
  type: 'object',
  properties: {
    data: {
      type: 'object',
      properties: {
        skus_info: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              sku: text,
              /** What a buyer can order now: what the add-on compares with what it set. */
              max_sellable_quantity: int,
            },
          },
        },
      },
    },
    error: errorObject,
  },
};

const ORDER_STATUSES = ['Created', 'InProgress', 'Finished', 'Cancelled'];
const DELIVERY_STATUSES = ['Init', 'PartialShipped', 'Shipped', 'Delivered', 'Cancelled'];

const ordersRequest: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['page', 'page_size'],
  properties: {
    page: { type: 'integer', minimum: 1 },
    page_size: { type: 'integer', minimum: 1 },
    date_start: secondsUtc,
    date_end: secondsUtc,
    update_at_from: secondsUtc,
    update_at_to: secondsUtc,
    order_statuses: { type: 'array', items: { type: 'string', enum: ORDER_STATUSES } },
    delivery_statuses: { type: 'array', items: { type: 'string', enum: DELIVERY_STATUSES } },
  },
};

const ordersAnswer: Schema = {
  type: 'object',
  properties: {
    data: {
      type: 'object',
      properties: {
        total_count: int,
        orders: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: { oneOf: [text, int] },
              created_at: text,
              updated_at: text,
              status: text,
              delivery_status: text,
              order_lines: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { id: { oneOf: [text, int] }, item_id: text, sku_id: text, quantity: int, name: text },
                },
              },
            },
          },
        },
      },
    },
    error: errorObject,
  },
};

export const ALI_API: ApiDescription = {
  openapi: '3.0.3',
  info: { title: 'AliExpress Russia open API — what «Остатки» calls', version: '1.0' },
  servers: [{ url: 'https://openapi.ru.laliexpress.com' }, { url: 'https://openapi.aliexpress.ru' }],
  'x-follows': {
    files: [],
    date: '2026-12-01',
    doc: 'docs/marketplace-apis.md §5 (AliExpress Russia)',
    sources: [
      'https://business.ru.laliexpress.com/docs/manage-stocks',
      'https://business.ru.laliexpress.com/docs/local-create-products',
      'skvarovski/aliexpress-ru-open-api-sdk:docs/Model/OpenAsyncProductApiSkuStock.md',
      'skvarovski/aliexpress-ru-open-api-sdk:docs/Model/OpenAsyncProductApiUpdateSkuStockRequestProduct.md',
      'oxy-coach/aliexpress-api-client-local@3e09cae:src/Model/Request/GetOrderListRequest.php',
      'oxy-coach/aliexpress-api-client-local@3e09cae:src/Model/Enum/OrderStatuses.php',
      'oxy-coach/aliexpress-api-client-local@3e09cae:src/Model/Enum/DeliveryStatuses.php',
    ],
  },
  'x-verify': ALI_VERIFY,
  paths: {
    '/api/v1/product/update-sku-stock': {
      post: {
        operationId: 'updateSkuStock',
        summary: 'Обновление остатков по sku_code (асинхронно: результат — в задачах группы)',
        parameters: auth,
        requestBody: { required: true, content: json(updateSkuStockRequest) },
        responses: { '200': { description: 'Группа задач', content: json(updateSkuStockAnswer) }, default: failure },
        'x-limits': {
          productsPerRequest: {
            value: 1000,
            quote: 'Product create/update quota: … ≤1000 per request [verify for stock]',
          },
          productsPer4Hours: { value: 100_000, quote: '≤100,000 products per 4 hours' },
          inventoryMax: { value: 999_999, quote: 'inventory: string 0..999999' },
        },
      },
    },
    '/api/v1/tasks': {
      get: {
        operationId: 'getTasks',
        summary: 'Задачи группы: результат обновления по каждому товару',
        parameters: [
          ...auth,
          { name: 'group_id', in: 'query', required: true, schema: { type: 'string', minLength: 1 } },
        ],
        responses: {
          '200': {
            description: 'Задачи',
            content: json({ type: 'object', properties: { data: { type: 'array', items: task }, error: errorObject } }),
          },
          default: failure,
        },
      },
    },
    '/api/v1/scroll-short-product-by-filter': {
      post: {
        operationId: 'scrollShortProductByFilter',
        summary: 'Список товаров продавца (product_id, sku_id, sku_code)',
        parameters: auth,
        requestBody: { required: true, content: json(productsRequest) },
        responses: { '200': { description: 'Товары', content: json(productsAnswer) }, default: failure },
        'x-limits': { pageLimit: { value: 50, quote: 'limit 50, `last_product_id`' } },
      },
    },
    '/api/v1/stocks': {
      post: {
        operationId: 'getStocks',
        summary: 'Остатки по SKU: max_sellable_quantity — доступно к продаже',
        parameters: auth,
        requestBody: { required: true, content: json(stocksRequest) },
        responses: { '200': { description: 'Остатки', content: json(stocksAnswer) }, default: failure },
        'x-limits': { skusPerRequest: { value: 100, quote: 'not in the doc: chosen, see ALI_VERIFY' } },
      },
    },
    '/seller-api/v1/order/get-order-list': {
      post: {
        operationId: 'getOrderList',
        summary: 'Заказы, изменённые за период',
        parameters: auth,
        requestBody: { required: true, content: json(ordersRequest) },
        responses: { '200': { description: 'Заказы', content: json(ordersAnswer) }, default: failure },
        'x-limits': { pageSize: { value: 50, quote: 'not in the doc: chosen, see ALI_VERIFY' } },
      },
    },
  },
};

export { DELIVERY_STATUSES as ALI_DELIVERY_STATUSES, ORDER_STATUSES as ALI_ORDER_STATUSES };
