/**
 * The Yandex Market Partner API operations the add-on calls, written by hand from the official
 * multi-file spec (yandex-market/yandex-market-partner-api, openapi/ of 2026-07-17). Properties the
 * add-on never reads are left out; every field the official spec requires is described. Rate limits
 * are the spec's own `x-resource-limit-config` (what `path` counts: `resp` requests, `req.skus` SKUs
 * sent, `resp.result.warehouses.offers.offerId` offers returned).
 */
import type { ApiDescription, Parameter, Response, Schema } from './apiDescription';

/** Ваш SKU (ShopSku.yaml): the seller's id of an offer, `offerId` in reads and orders, `sku` in pushes. */
const SHOP_SKU: Schema = {
  type: 'string',
  pattern: '^(?=.*\\S.*)[^\\x00-\\x08\\x0A-\\x1f\\x7f]{1,255}$',
  minLength: 1,
  maxLength: 255,
};
const CAMPAIGN_ID: Schema = { type: 'integer', format: 'int64', minimum: 1 };
const API_STATUS: Schema = { type: 'string', enum: ['OK', 'ERROR'] };
const NEXT_PAGE: Schema = { type: 'object', properties: { nextPageToken: { type: 'string' } } };

/** Authorization by Api-Key (securitySchemes.ApiKey); the add-on never uses the OAuth alternative. */
const API_KEY: Parameter = { name: 'Api-Key', in: 'header', required: true, schema: { type: 'string' } };
const CAMPAIGN: Parameter = { name: 'campaignId', in: 'path', required: true, schema: CAMPAIGN_ID };
const BUSINESS: Parameter = {
  name: 'businessId',
  in: 'path',
  required: true,
  schema: { type: 'integer', format: 'int64', minimum: 1 },
};
const PAGE_TOKEN: Parameter = { name: 'pageToken', in: 'query', schema: { type: 'string' } };
const limit = (maximum: number): Parameter => ({
  name: 'limit',
  in: 'query',
  schema: { type: 'integer', format: 'int32', minimum: 1, maximum },
});

/** ApiErrorResponse.yaml: every error answer of every operation (400, 401, 403, 404, 420, 500). */
const ERROR_BODY: Schema = {
  type: 'object',
  required: ['status'],
  properties: {
    status: API_STATUS,
    errors: {
      type: 'array',
      nullable: true,
      minItems: 1,
      items: {
        type: 'object',
        required: ['code'],
        properties: { code: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};
const json = (schema: Schema) => ({ 'application/json': { schema } });
const error = (description: string): Response => ({ description, content: json(ERROR_BODY) });
const ERRORS = {
  '400': error('Запрос содержит неправильные данные.'),
  '401': error('В запросе не указаны данные для авторизации.'),
  '403': error('Данные авторизации неверны или доступ к ресурсу запрещен.'),
  '404': error('Запрашиваемый ресурс не найден.'),
  '420': error('Превышено ограничение на доступ к ресурсу.'),
  '500': error('Внутренняя ошибка.'),
};

/** A limit of `amount` per `period` (x-resource-limit-config, the same for every tariff). */
const perPeriod = (path: string, amount: number, period: 'minutes' | 'hours', parallel?: number) => ({
  path,
  ...(parallel === undefined ? {} : { 'parallel-limit-value': parallel }),
  none: { amount, period, 'period-duration': 1 },
  medium: { amount, period, 'period-duration': 1 },
});

const CAMPAIGN_DTO: Schema = {
  type: 'object',
  properties: {
    domain: { type: 'string' },
    id: CAMPAIGN_ID,
    business: {
      type: 'object',
      properties: { id: { type: 'integer', format: 'int64', minimum: 1 }, name: { type: 'string' } },
    },
    placementType: { type: 'string', enum: ['FBS', 'FBY', 'DBS', 'LAAS'] },
    apiAvailability: {
      type: 'string',
      enum: [
        'AVAILABLE',
        'DISABLED_BY_INACTIVITY',
        'DISABLED_BY_NO_ACTIVE_CONTRACT',
        'MANUALLY_DISABLED',
        'DISABLED_BY_NO_PLACEMENT_TYPE',
      ],
    },
  },
};

/** WarehouseStockType.yaml. For sale is AVAILABLE («Доступный к заказу»); FIT = AVAILABLE + FREEZE. */
export const YM_STOCK_TYPES = ['FIT', 'FREEZE', 'AVAILABLE', 'QUARANTINE', 'UTILIZATION', 'DEFECT', 'EXPIRED'];

/** OrderStatusType.yaml. */
export const YM_ORDER_STATUSES = [
  'PLACING',
  'RESERVED',
  'UNPAID',
  'PROCESSING',
  'DELIVERY',
  'PICKUP',
  'DELIVERED',
  'CANCELLED',
  'PENDING',
  'PARTIALLY_RETURNED',
  'RETURNED',
  'UNKNOWN',
];

/** OrderSubstatusType.yaml, in the spec's order. */
export const YM_ORDER_SUBSTATUSES = (
  'RESERVATION_EXPIRED USER_NOT_PAID USER_UNREACHABLE USER_CHANGED_MIND USER_REFUSED_DELIVERY USER_REFUSED_PRODUCT ' +
  'SHOP_FAILED USER_REFUSED_QUALITY REPLACING_ORDER PROCESSING_EXPIRED PENDING_EXPIRED SHOP_PENDING_CANCELLED ' +
  'PENDING_CANCELLED USER_FRAUD RESERVATION_FAILED USER_PLACED_OTHER_ORDER USER_BOUGHT_CHEAPER MISSING_ITEM ' +
  'BROKEN_ITEM WRONG_ITEM PICKUP_EXPIRED DELIVERY_PROBLEMS LATE_CONTACT CUSTOM DELIVERY_SERVICE_FAILED ' +
  'WAREHOUSE_FAILED_TO_SHIP DELIVERY_SERVICE_UNDELIVERED PREORDER AWAIT_CONFIRMATION STARTED PACKAGING READY_TO_SHIP ' +
  'SHIPPED ASYNC_PROCESSING WAITING_USER_INPUT WAITING_BANK_DECISION BANK_REJECT_CREDIT_OFFER ' +
  'CUSTOMER_REJECT_CREDIT_OFFER CREDIT_OFFER_FAILED AWAIT_DELIVERY_DATES_CONFIRMATION SERVICE_FAULT ' +
  'DELIVERY_SERVICE_RECEIVED USER_RECEIVED WAITING_FOR_STOCKS AS_PART_OF_MULTI_ORDER READY_FOR_LAST_MILE ' +
  'LAST_MILE_STARTED ANTIFRAUD DELIVERY_USER_NOT_RECEIVED DELIVERY_SERVICE_DELIVERED DELIVERED_USER_NOT_RECEIVED ' +
  'USER_WANTED_ANOTHER_PAYMENT_METHOD USER_RECEIVED_TECHNICAL_ERROR USER_FORGOT_TO_USE_BONUS ' +
  'DELIVERY_SERVICE_NOT_RECEIVED DELIVERY_SERVICE_LOST SHIPPED_TO_WRONG_DELIVERY_SERVICE DELIVERED_USER_RECEIVED ' +
  'WAITING_TINKOFF_DECISION COURIER_SEARCH COURIER_FOUND COURIER_IN_TRANSIT_TO_SENDER COURIER_ARRIVED_TO_SENDER ' +
  'COURIER_RECEIVED COURIER_NOT_FOUND COURIER_NOT_DELIVER_ORDER COURIER_RETURNS_ORDER COURIER_RETURNED_ORDER ' +
  'WAITING_USER_DELIVERY_INPUT PICKUP_SERVICE_RECEIVED PICKUP_USER_RECEIVED CANCELLED_COURIER_NOT_FOUND ' +
  'COURIER_NOT_COME_FOR_ORDER DELIVERY_NOT_MANAGED_REGION INCOMPLETE_CONTACT_INFORMATION INCOMPLETE_MULTI_ORDER ' +
  'INAPPROPRIATE_WEIGHT_SIZE TECHNICAL_ERROR SORTING_CENTER_LOST COURIER_SEARCH_NOT_STARTED LOST AWAIT_PAYMENT ' +
  'AWAIT_LAVKA_RESERVATION USER_WANTS_TO_CHANGE_ADDRESS FULL_NOT_RANSOM PRESCRIPTION_MISMATCH DROPOFF_LOST ' +
  'DROPOFF_CLOSED DELIVERY_TO_STORE_STARTED USER_WANTS_TO_CHANGE_DELIVERY_DATE WRONG_ITEM_DELIVERED DAMAGED_BOX ' +
  'AWAIT_DELIVERY_DATES LAST_MILE_COURIER_SEARCH PICKUP_POINT_CLOSED LEGAL_INFO_CHANGED ' +
  'USER_HAS_NO_TIME_TO_PICKUP_ORDER DELIVERY_CUSTOMS_ARRIVED DELIVERY_CUSTOMS_CLEARED ' +
  'FIRST_MILE_DELIVERY_SERVICE_RECEIVED AWAIT_AUTO_DELIVERY_DATES AWAIT_USER_PERSONAL_DATA NO_PERSONAL_DATA_EXPIRED ' +
  'CUSTOMS_PROBLEMS AWAIT_CASHIER WAITING_POSTPAID_BUDGET_RESERVATION AWAIT_SERVICEABLE_CONFIRMATION ' +
  'POSTPAID_BUDGET_RESERVATION_FAILED AWAIT_CUSTOM_PRICE_CONFIRMATION READY_FOR_PICKUP ' +
  'TOO_MANY_DELIVERY_DATE_CHANGES TOO_LONG_DELIVERY DEFERRED_PAYMENT POSTPAID_FAILED INCORRECT_PERSONAL_DATA ' +
  'CUSTOMS_FAILED_MARKET CUSTOMS_FAILED_USER_COMMERCIAL_ITEMS CUSTOMS_FAILED_USER_DUTY_NOT_PAID ' +
  'CUSTOMS_FAILED_USER_INVALID_PERSONAL_DATA CUSTOMS_FAILED_USER_ADDITIONAL_DATA_NOT_PROVIDED ' +
  'AWAIT_PAYMENT_AFTER_DELIVERY AWAIT_USER_STEAM_FAST_URL USER_IDENTIFICATION_MISMATCH ' +
  'PURCHASE_GROUP_THRESHOLD_NOT_REACHED_CANCELLED UNKNOWN'
).split(' ');

const UPDATE_STOCKS_REQUEST: Schema = {
  type: 'object',
  required: ['skus'],
  properties: {
    skus: {
      type: 'array',
      minItems: 1,
      maxItems: 2000,
      items: {
        type: 'object',
        required: ['sku', 'items'],
        properties: {
          sku: SHOP_SKU,
          items: {
            type: 'array',
            minItems: 1,
            maxItems: 1,
            items: {
              type: 'object',
              required: ['count'],
              properties: {
                count: { type: 'integer', format: 'int64', minimum: 0, maximum: 2_000_000_000 },
                updatedAt: { type: 'string', format: 'date-time' },
              },
            },
          },
        },
      },
    },
  },
};

/** GetWarehouseStocksRequest.yaml: with `offerIds`, no pageToken, limit, archived (the spec's note). */
const GET_STOCKS_REQUEST: Schema = {
  type: 'object',
  properties: {
    stocksWarehouseId: { type: 'integer', format: 'int64', minimum: 1 },
    archived: { type: 'boolean' },
    offerIds: { type: 'array', nullable: true, minItems: 1, maxItems: 500, items: SHOP_SKU },
  },
};

const GET_STOCKS_RESPONSE: Schema = {
  type: 'object',
  required: ['status'],
  properties: {
    status: API_STATUS,
    result: {
      type: 'object',
      required: ['warehouses'],
      properties: {
        paging: NEXT_PAGE,
        // FBS: the seller's warehouse, and possibly the Market's returns warehouse too.
        warehouses: {
          type: 'array',
          items: {
            type: 'object',
            required: ['warehouseId', 'offers'],
            properties: {
              warehouseId: { type: 'integer', format: 'int64' },
              offers: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['offerId', 'stocks'],
                  properties: {
                    offerId: SHOP_SKU,
                    stocks: {
                      type: 'array',
                      items: {
                        type: 'object',
                        required: ['type', 'count'],
                        properties: {
                          type: { type: 'string', enum: YM_STOCK_TYPES },
                          count: { type: 'integer', format: 'int64' },
                        },
                      },
                    },
                    updatedAt: { type: 'string', format: 'date-time' },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

const GET_WAREHOUSES_RESPONSE: Schema = {
  type: 'object',
  required: ['status'],
  properties: {
    status: API_STATUS,
    result: {
      type: 'object',
      required: ['warehouses'],
      properties: {
        warehouses: {
          type: 'array',
          items: {
            type: 'object',
            required: ['id', 'name', 'campaignId', 'express'],
            properties: {
              id: { type: 'integer', format: 'int64' },
              name: { type: 'string' },
              campaignId: CAMPAIGN_ID,
              express: { type: 'boolean' },
            },
          },
        },
        paging: NEXT_PAGE,
      },
    },
  },
};

const GET_BUSINESS_ORDERS_REQUEST: Schema = {
  type: 'object',
  properties: {
    campaignIds: { type: 'array', nullable: true, minItems: 1, maxItems: 50, items: CAMPAIGN_ID },
    statuses: { type: 'array', nullable: true, minItems: 1, items: { type: 'string', enum: YM_ORDER_STATUSES } },
    dates: {
      type: 'object',
      properties: {
        updateDateFrom: { type: 'string', format: 'date-time' },
        updateDateTo: { type: 'string', format: 'date-time' },
      },
    },
  },
};

const BUSINESS_ORDER: Schema = {
  type: 'object',
  required: [
    'orderId',
    'campaignId',
    'status',
    'substatus',
    'creationDate',
    'paymentType',
    'paymentMethod',
    'fake',
    'items',
    'delivery',
  ],
  properties: {
    orderId: { type: 'integer', format: 'int64' },
    campaignId: CAMPAIGN_ID,
    programType: { type: 'string', enum: ['FBY', 'FBS', 'DBS', 'EXPRESS', 'LAAS'] },
    status: { type: 'string', enum: YM_ORDER_STATUSES },
    substatus: { type: 'string', enum: YM_ORDER_SUBSTATUSES },
    creationDate: { type: 'string', format: 'date-time' },
    updateDate: { type: 'string', format: 'date-time' },
    paymentType: { type: 'string', enum: ['PREPAID', 'POSTPAID', 'UNKNOWN'] },
    paymentMethod: {
      type: 'string',
      enum: [
        'CASH_ON_DELIVERY',
        'CARD_ON_DELIVERY',
        'BOUND_CARD_ON_DELIVERY',
        'BNPL_BANK_ON_DELIVERY',
        'BNPL_ON_DELIVERY',
        'YANDEX',
        'APPLE_PAY',
        'EXTERNAL_CERTIFICATE',
        'CREDIT',
        'GOOGLE_PAY',
        'TINKOFF_CREDIT',
        'SBP',
        'TINKOFF_INSTALLMENTS',
        'B2B_ACCOUNT_PREPAYMENT',
        'B2B_ACCOUNT_POSTPAYMENT',
        'MICROCREDIT',
        'BNPL_TBYB',
        'UNKNOWN',
      ],
    },
    fake: { type: 'boolean' },
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'offerId', 'offerName', 'count'],
        properties: {
          id: { type: 'integer', format: 'int64' },
          offerId: SHOP_SKU,
          offerName: { type: 'string' },
          count: { type: 'integer' },
        },
      },
    },
    delivery: {
      type: 'object',
      required: ['type', 'serviceName', 'deliveryServiceId', 'deliveryPartnerType', 'dates'],
      properties: {
        type: { type: 'string', enum: ['DELIVERY', 'PICKUP', 'POST', 'DIGITAL', 'UNKNOWN'] },
        serviceName: { type: 'string' },
        deliveryServiceId: { type: 'integer', format: 'int64' },
        deliveryPartnerType: { type: 'string', enum: ['SHOP', 'YANDEX_MARKET', 'UNKNOWN'] },
        dates: {
          type: 'object',
          required: ['fromDate'],
          properties: { fromDate: { type: 'string', format: 'date' }, toDate: { type: 'string', format: 'date' } },
        },
      },
    },
  },
};

export const YM_API: ApiDescription = {
  openapi: '3.0.3',
  info: { title: 'Yandex Market Partner API (the operations «Остатки» calls)', version: '2026-07-17' },
  servers: [{ url: 'https://api.partner.market.yandex.ru' }],
  'x-follows': {
    files: ['yandex-market/openapi/openapi.yaml'],
    date: '2026-07-17',
    note: 'yandex-market/yandex-market-partner-api@1318e9b848591f069059eeebf777f1f5bb439743, openapi/ (multi-file)',
  },
  paths: {
    '/v2/campaigns': {
      get: {
        operationId: 'getCampaigns',
        summary: 'Список магазинов пользователя',
        parameters: [API_KEY, PAGE_TOKEN, limit(100)],
        responses: {
          '200': {
            description: 'Магазины пользователя.',
            content: json({
              type: 'object',
              required: ['campaigns'],
              properties: { campaigns: { type: 'array', items: CAMPAIGN_DTO }, paging: NEXT_PAGE },
            }),
          },
          ...ERRORS,
        },
        'x-resource-limit-config': perPeriod('resp', 1_000, 'hours'),
      },
    },
    '/v2/campaigns/{campaignId}/offers/stocks': {
      put: {
        operationId: 'updateStocks',
        summary: 'Передача информации об остатках',
        parameters: [API_KEY, CAMPAIGN],
        requestBody: { required: true, content: json(UPDATE_STOCKS_REQUEST) },
        responses: {
          '200': {
            description: 'Пустой ответ.',
            content: json({ type: 'object', required: ['status'], properties: { status: API_STATUS } }),
          },
          ...ERRORS,
        },
        'x-resource-limit-config': perPeriod('req.skus', 100_000, 'minutes'),
      },
      post: {
        operationId: 'getStocks',
        summary: 'Информация об остатках и оборачиваемости',
        parameters: [API_KEY, CAMPAIGN, PAGE_TOKEN, limit(200)],
        requestBody: { required: false, content: json(GET_STOCKS_REQUEST) },
        responses: {
          '200': { description: 'Остатки товаров на складах.', content: json(GET_STOCKS_RESPONSE) },
          '400': ERRORS['400'],
          '401': ERRORS['401'],
          '403': ERRORS['403'],
          '420': ERRORS['420'],
          '500': ERRORS['500'],
        },
        'x-resource-limit-config': perPeriod('resp.result.warehouses.offers.offerId', 100_000, 'minutes'),
      },
    },
    '/v2/businesses/{businessId}/warehouses': {
      post: {
        operationId: 'getPagedWarehouses',
        summary: 'Список складов',
        parameters: [API_KEY, BUSINESS, PAGE_TOKEN, limit(30)],
        requestBody: {
          required: false,
          content: json({
            type: 'object',
            properties: {
              campaignIds: { type: 'array', nullable: true, minItems: 1, maxItems: 25, items: CAMPAIGN_ID },
            },
          }),
        },
        responses: {
          '200': { description: 'Список складов.', content: json(GET_WAREHOUSES_RESPONSE) },
          '400': ERRORS['400'],
          '401': ERRORS['401'],
          '403': ERRORS['403'],
          '420': ERRORS['420'],
          '500': ERRORS['500'],
        },
        'x-resource-limit-config': perPeriod('resp', 100, 'hours'),
      },
    },
    '/v1/businesses/{businessId}/orders': {
      post: {
        operationId: 'getBusinessOrders',
        summary: 'Информация о заказах в кабинете',
        parameters: [API_KEY, BUSINESS, PAGE_TOKEN, limit(50)],
        requestBody: { required: true, content: json(GET_BUSINESS_ORDERS_REQUEST) },
        responses: {
          '200': {
            description: 'Список заказов в кабинете.',
            content: json({
              type: 'object',
              required: ['orders'],
              properties: { orders: { type: 'array', maxItems: 50, items: BUSINESS_ORDER }, paging: NEXT_PAGE },
            }),
          },
          ...ERRORS,
        },
        'x-limits': {
          periodDays: { value: 30, quote: 'Максимальный диапазон дат за один запрос — 30 дней' },
        },
        'x-resource-limit-config': perPeriod('resp', 10_000, 'hours', 6),
      },
    },
  },
};
