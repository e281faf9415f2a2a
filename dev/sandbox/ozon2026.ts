/**
 * Request schemas of the Ozon endpoints that the 2025 copy of the official swagger lacks or states
 * as they were before 2026, written from ../shared/docs/marketplace-apis.md (sections 1.3–1.6):
 * - /v2/products/stocks: `quant_size` was switched off on 2025-06-26 and `product_id` is optional
 *   next to `offer_id` (offer_id wins), while the 2025 copy still requires both;
 * - /v2/warehouse/list, /v1/product/info/warehouse/stocks, /v4/posting/fbs/list: new in 2026.
 * Every other Ozon request is checked against the 2025 copy itself.
 */
const auth = [
  { name: 'Client-Id', in: 'header', required: true, schema: { type: 'string', minLength: 1 } },
  { name: 'Api-Key', in: 'header', required: true, schema: { type: 'string', minLength: 1 } },
];
const int64 = { type: 'integer', format: 'int64' };
const dateTime = { type: 'string', format: 'date-time' };

function op(operationId: string, schema: object) {
  return {
    post: {
      operationId,
      parameters: auth,
      requestBody: { required: true, content: { 'application/json': { schema } } },
      responses: { 200: { description: 'OK' } },
    },
  };
}

export const OZON_2026_SPEC = {
  openapi: '3.0.0',
  info: { title: 'Ozon Seller API — 2026 endpoints (from the research report)', version: '2026-10' },
  paths: {
    '/v2/products/stocks': op('ProductAPI_ProductsStocksV2_2026', {
      type: 'object',
      required: ['stocks'],
      additionalProperties: false,
      properties: {
        stocks: {
          type: 'array',
          minItems: 1,
          maxItems: 100,
          items: {
            type: 'object',
            required: ['offer_id', 'stock', 'warehouse_id'],
            additionalProperties: false,
            properties: {
              offer_id: { type: 'string', minLength: 1 },
              product_id: int64,
              stock: { ...int64, minimum: 0 },
              warehouse_id: int64,
            },
          },
        },
      },
    }),
    '/v2/warehouse/list': op('WarehouseListV2', {
      type: 'object',
      required: ['limit'],
      additionalProperties: false,
      properties: {
        limit: { type: 'integer', minimum: 1, maximum: 200 },
        cursor: { type: 'string' },
        warehouse_ids: { type: 'array', items: { type: 'string' } },
      },
    }),
    '/v1/product/info/warehouse/stocks': op('ProductInfoWarehouseStocks', {
      type: 'object',
      required: ['warehouse_id', 'limit'],
      additionalProperties: false,
      properties: {
        warehouse_id: int64,
        limit: { type: 'integer', minimum: 1, maximum: 1000 },
        cursor: { type: 'string' },
      },
    }),
    '/v4/posting/fbs/list': op('PostingFbsListV4', {
      type: 'object',
      required: ['limit', 'filter'],
      additionalProperties: false,
      properties: {
        cursor: { type: 'string' },
        limit: { type: 'integer', minimum: 1, maximum: 1000 },
        sort_dir: { type: 'string', enum: ['asc', 'desc', 'ASC', 'DESC'] },
        filter: {
          type: 'object',
          required: ['since', 'to'],
          additionalProperties: false,
          properties: {
            since: dateTime,
            to: dateTime,
            statuses: { type: 'array', items: { type: 'string' } },
            last_changed_status_date: {
              type: 'object',
              additionalProperties: false,
              properties: { from: dateTime, to: dateTime },
            },
            warehouse_ids: { type: 'array', items: int64 },
            delivery_method_ids: { type: 'array', items: int64 },
            provider_ids: { type: 'array', items: int64 },
            order_id: int64,
          },
        },
        with: {
          type: 'object',
          properties: {
            analytics_data: { type: 'boolean' },
            barcodes: { type: 'boolean' },
            financial_data: { type: 'boolean' },
            legal_info: { type: 'boolean' },
            translit: { type: 'boolean' },
          },
        },
      },
    }),
  },
};
