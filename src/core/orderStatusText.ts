/**
 * The Russian words of a marketplace's order status, for the comment of a «Заказ» reserve: the seller
 * reads «ожидает сборки», never `awaiting_packaging`. Each label follows the marketplace's own meaning
 * (Ozon posting statuses, WB supplierStatus/wbStatus, YM OrderStatusType, Avito order statuses in
 * /work/shared/contracts; MegaMarket and AliExpress as docs/marketplace-apis.md names them).
 * Known codes map one to one, so support can read the code back from the label; a code we do not know
 * yet is shown as the marketplace gave it, named as theirs.
 */
import type { Channel } from './settings';

const OZON: Record<string, string> = {
  awaiting_registration: 'ожидает регистрации',
  acceptance_in_progress: 'идёт приёмка',
  awaiting_approve: 'ожидает подтверждения',
  awaiting_verification: 'создан',
  awaiting_packaging: 'ожидает сборки',
  awaiting_deliver: 'ожидает отгрузки',
  not_accepted: 'не принят на сортировочном центре',
  delivering: 'доставляется',
  driver_pickup: 'у водителя',
  sent_by_seller: 'отправлен продавцом',
  delivered: 'доставлен',
  arbitration: 'арбитраж',
  client_arbitration: 'клиентский арбитраж доставки',
  cancelled: 'отменён',
  cancelled_from_split_pending: 'отменён из-за разделения отправления',
};

const WB_SUPPLIER: Record<string, string> = {
  new: 'новое сборочное задание',
  confirm: 'на сборке',
  complete: 'передан в доставку',
  cancel: 'отменён продавцом',
  cancel_carrier: 'отменён перевозчиком',
};

const WB_SYSTEM: Record<string, string> = {
  waiting: 'в работе',
  sorted: 'отсортирован',
  sold: 'получен покупателем',
  canceled: 'отменён',
  canceled_by_client: 'покупатель отказался при получении',
  declined_by_client: 'покупатель отменил заказ',
  defect: 'отменён из-за брака',
  ready_for_pickup: 'прибыл в пункт выдачи',
  postponed_delivery: 'доставка отложена',
  accepted_by_carrier: 'принят перевозчиком',
  sent_to_carrier: 'отправлен на склад перевозчика',
  canceled_by_carrier: 'отменён перевозчиком',
};

const YANDEX: Record<string, string> = {
  PLACING: 'оформляется',
  RESERVED: 'зарезервирован, ещё не оформлен',
  UNPAID: 'оформлен, ещё не оплачен',
  PROCESSING: 'в обработке',
  PENDING: 'ожидает обработки продавцом',
  DELIVERY: 'передан в доставку',
  PICKUP: 'доставлен в пункт выдачи',
  DELIVERED: 'получен покупателем',
  CANCELLED: 'отменён',
  PARTIALLY_RETURNED: 'возвращён частично',
  RETURNED: 'возвращён',
  UNKNOWN: 'статус неизвестен',
};

/** MegaMarket shipment statuses (docs/marketplace-apis.md §4). */
const MEGAMARKET: Record<string, string> = {
  NEW: 'новый',
  PENDING: 'ожидает обработки',
  PENDING_CONFIRMATION: 'ожидает подтверждения продавцом',
  PENDING_PACKING: 'ожидает сборки',
  PENDING_SHIPPING: 'ожидает отгрузки',
  CONFIRMED: 'подтверждён продавцом',
  PACKED: 'собран',
  SHIPPED: 'отгружен',
  DELIVERED: 'получен покупателем',
  MERCHANT_CANCELED: 'отменён продавцом',
  CUSTOMER_CANCELED: 'отменён покупателем',
  PACKING_EXPIRED: 'отменён: истёк срок сборки',
  SHIPPING_EXPIRED: 'отменён: истёк срок отгрузки',
};

/** AliExpress order statuses (docs/marketplace-apis.md §5). */
const ALI_ORDER: Record<string, string> = {
  Created: 'создан',
  InProgress: 'в работе',
  Finished: 'завершён',
  Cancelled: 'отменён',
};

const ALI_DELIVERY: Record<string, string> = {
  Init: 'ещё не отправлен',
  PartialShipped: 'отправлен частично',
  Shipped: 'отправлен',
  Delivered: 'доставлен',
  Cancelled: 'доставка отменена',
};

/** The spec's own words for each status (order-management, `status`). */
const AVITO: Record<string, string> = {
  on_confirmation: 'ожидает подтверждения',
  ready_to_ship: 'ждёт отправки',
  in_transit: 'в пути',
  canceled: 'отменён',
  delivered: 'доставлен покупателю',
  on_return: 'на возврате',
  in_dispute: 'по заказу открыт спор',
  closed: 'закрыт',
};

/** One code in Russian, or the code itself named as the marketplace's when we do not know it. */
function label(table: Record<string, string>, code: string): string {
  return Object.keys(table).includes(code) ? table[code] : `статус площадки «${code}»`;
}

/** WB gives two statuses, `supplierStatus/wbStatus`: the seller's step, then what WB says of the task. */
function wbText(raw: string): string {
  const [supplier = '', system = ''] = raw.split('/');
  if (!system) return label(WB_SUPPLIER, supplier);
  return `${label(WB_SUPPLIER, supplier)}, Wildberries: ${label(WB_SYSTEM, system)}`;
}

/** AliExpress gives two statuses, `status/delivery_status`: the order's, then its delivery's. */
function aliText(raw: string): string {
  const [order = '', delivery = ''] = raw.split('/');
  if (!delivery) return label(ALI_ORDER, order);
  return `${label(ALI_ORDER, order)}, доставка: ${label(ALI_DELIVERY, delivery)}`;
}

/** What the reserve's comment says of an order's status on its marketplace. */
export function orderStatusText(marketplace: Channel['marketplace'], raw: string): string {
  if (!raw) return '';
  if (marketplace === 'ozon') return label(OZON, raw);
  if (marketplace === 'wb') return wbText(raw);
  if (marketplace === 'yandex') return label(YANDEX, raw);
  if (marketplace === 'megamarket') return label(MEGAMARKET, raw);
  if (marketplace === 'aliexpress') return aliText(raw);
  if (marketplace === 'avito') return label(AVITO, raw);
  return raw;
}
