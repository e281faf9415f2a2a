/**
 * The project's description of the MegaMarket merchant API operations the connector calls. MegaMarket
 * publishes no machine-readable spec: this follows docs/marketplace-apis.md §4 (the partner wiki's
 * pages and the client libraries it cites), and every fact none of them confirms is listed once, in
 * MM_VERIFY, which the live check prints. The legacy API carries the token in the body of every
 * POST (`{meta: {}, data: {token, …}}`) and answers logical errors with HTTP 200 and `error`.
 */
import type { ApiDescription, Response, Schema } from './apiDescription';

/**
 * Everything about MegaMarket the connector assumes and no official source confirms: check each on a
 * real account (`npm run live-check -- --channel megamarket`) before a seller relies on it.
 */
export const MM_VERIFY: readonly string[] = [
  'stock/update принимает не больше 300 товаров за запрос (300 в вики названо для цен, для остатков — предположение)',
  'stock/update при логической ошибке (HTTP 200 с error или success: 0) отклоняет весь запрос, без ответа по каждому товару: коннектор делит пачку пополам, чтобы найти товар',
  'неверный токен — HTTP 200 с error, в коде или тексте которого есть «token» / «токен» / «auth»',
  'принятый остаток — то, что покупатель может заказать (чтения остатков в этом API нет, проверить можно только в кабинете)',
  'order/search отбирает отправления по дате создания (dateFrom/dateTo в формате W3C без миллисекунд), без statuses — во всех статусах, страницы — limit (до 100) и offset',
  'order/search отвечает data.shipments — списком номеров отправлений (строк)',
  'order/get принимает до 50 номеров отправлений за запрос',
  'order/get: shipments[].creationDate — когда создано отправление; items[] — строки с offerId, quantity и itemIndex',
  'лимит запросов — 5 в секунду (заметка клиента для order/get) на каждый метод; превышение — HTTP 429 с Retry-After',
];

const dateTime: Schema = { type: 'string', format: 'date-time' };
const json = (schema: Schema) => ({ 'application/json': { schema } });

/** `{"error": {"code", "message"}}`: the code is a number in some answers, text in others. */
const errorObject: Schema = {
  type: 'object',
  properties: {
    code: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
    message: { type: 'string' },
  },
};

/** Every answer, success or not: `success` 1 with `data`, or 0 (or absent) with `error`. */
function envelope(data: Schema): Schema {
  return {
    type: 'object',
    properties: { success: { type: 'integer', enum: [0, 1] }, meta: { type: 'object' }, data, error: errorObject },
  };
}

/** The request: `meta` (empty) and `data` with the token and the operation's own fields. */
function request(required: string[], properties: Record<string, Schema>): Schema {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['meta', 'data'],
    properties: {
      meta: { type: 'object' },
      data: {
        type: 'object',
        additionalProperties: false,
        required: ['token', ...required],
        properties: { token: { type: 'string', minLength: 1 }, ...properties },
      },
    },
  };
}

/** Any other status (401/403 from the gateway, 429, 5xx): the same envelope with `error`. */
const otherwise: Response = { description: 'Ошибка', content: json(envelope({ type: 'object' })) };

const stockUpdateRequest = request(['stocks'], {
  stocks: {
    type: 'array',
    minItems: 1,
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['offerId', 'quantity'],
      properties: {
        offerId: { type: 'string', minLength: 1 },
        quantity: { type: 'integer', minimum: 0 },
        isDeleted: { type: 'boolean' },
      },
    },
  },
});

const searchRequest = request(['dateFrom', 'dateTo'], {
  dateFrom: dateTime,
  dateTo: dateTime,
  statuses: { type: 'array', items: { type: 'string' } },
  merchantId: { type: 'integer' },
  limit: { type: 'integer', minimum: 1 },
  offset: { type: 'integer', minimum: 0 },
});

const getRequest = request(['shipments'], {
  shipments: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
});

const shipment: Schema = {
  type: 'object',
  properties: {
    shipmentId: { type: 'string' },
    status: { type: 'string' },
    creationDate: dateTime,
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          itemIndex: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
          offerId: { type: 'string' },
          quantity: { type: 'integer' },
        },
      },
    },
  },
};

export const MM_API: ApiDescription = {
  openapi: '3.0.3',
  info: { title: 'MegaMarket merchant API (legacy) — what «Остатки» calls', version: '1.0' },
  servers: [{ url: 'https://api.megamarket.tech' }],
  'x-follows': {
    files: [],
    date: '2026-12-01',
    doc: 'docs/marketplace-apis.md §4 (MegaMarket)',
    sources: [
      'https://partner-wiki.megamarket.ru/merchant-api/2-opisanie-api-fbs/2-4-obnovlenie-tsen-po-api',
      'https://partner-wiki.megamarket.ru/merchant-api/4-opisanie-api-dbs/4-1-dbs-s-tsentral-nogo-sklada/obnovlenie-tsen-po-api',
      'baks-dev/megamarket-products@b4f587e:Api/Stocks/UpdateMegamarketProductStocksRequest.php',
      'baks-dev/megamarket-orders@0596748:Api/MegamarketOrdersGetNewsRequest.php',
      'baks-dev/megamarket-orders@0596748:Api/MegamarketOrdersGetInfoRequest.php',
    ],
  },
  'x-verify': MM_VERIFY,
  paths: {
    '/api/merchantIntegration/v1/offerService/stock/update': {
      post: {
        operationId: 'offerServiceStockUpdate',
        summary: 'Обновление остатков',
        requestBody: { required: true, content: json(stockUpdateRequest) },
        responses: {
          '200': { description: 'Ответ: success 1, или error', content: json(envelope({ type: 'object' })) },
          default: otherwise,
        },
        'x-limits': {
          stocksPerRequest: { value: 300, quote: 'recommended ≤300 items per request (wiki, for prices) [verify]' },
        },
      },
    },
    '/api/market/v1/orderService/order/search': {
      post: {
        operationId: 'orderServiceOrderSearch',
        summary: 'Поиск отправлений',
        requestBody: { required: true, content: json(searchRequest) },
        responses: {
          '200': {
            description: 'Номера отправлений',
            content: json(
              envelope({ type: 'object', properties: { shipments: { type: 'array', items: { type: 'string' } } } }),
            ),
          },
          default: otherwise,
        },
        'x-limits': { pageLimit: { value: 100, quote: 'not in the doc: chosen, see MM_VERIFY' } },
      },
    },
    '/api/market/v1/orderService/order/get': {
      post: {
        operationId: 'orderServiceOrderGet',
        summary: 'Информация об отправлениях',
        requestBody: { required: true, content: json(getRequest) },
        responses: {
          '200': {
            description: 'Отправления со статусами и товарами',
            content: json(envelope({ type: 'object', properties: { shipments: { type: 'array', items: shipment } } })),
          },
          default: otherwise,
        },
        'x-limits': {
          shipmentsPerRequest: { value: 50, quote: 'not in the doc: chosen, see MM_VERIFY' },
          requestsPerSecond: { value: 5, quote: 'one client notes "5 per second" on `order/get` [community]' },
        },
      },
    },
  },
};
