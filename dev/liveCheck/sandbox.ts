/**
 * `--sandbox`: the check runs against the project's sandboxes (production URLs routed to
 * 127.0.0.1) over the same fetch client, with the sandboxes' test keys and a few seeded items.
 * Only seeding touches the sandboxes' control panel; everything else goes through the connector.
 * Time is the sandboxes' simulated clock: waiting advances it, so --set finishes at once.
 */
import type { Connector, Target } from '../../src/connectors/common';
import { ALI_SANDBOX } from '../sandbox/aliexpress';
import { AVITO_SANDBOX } from '../sandbox/avito';
import { type Sandboxes, startSandboxes } from '../sandbox/harness';
import { MM_SANDBOX } from '../sandbox/megamarket';
import { OZON_SANDBOX } from '../sandbox/ozon';
import { WB_SANDBOX } from '../sandbox/wildberries';
import { YM_SANDBOX } from '../sandbox/yandexMarket';
import type { Keys, Transport } from './channels';
import { createFetchClient } from './fetchClient';
import type { ChannelName } from './options';

export const SANDBOX_KEYS: Record<ChannelName, Keys> = {
  ozon: { clientId: OZON_SANDBOX.clientId, apiKey: OZON_SANDBOX.apiKey },
  wb: { token: WB_SANDBOX.token },
  yandex: { apiKey: YM_SANDBOX.apiKey },
  megamarket: { token: MM_SANDBOX.token },
  aliexpress: { token: ALI_SANDBOX.token },
  avito: { clientId: AVITO_SANDBOX.clientId, clientSecret: AVITO_SANDBOX.clientSecret },
};

/** The seeded catalogue: shown 12, 0 and 5; one order of each kind in the last hours. */
export const SANDBOX_STOCK: Record<string, number> = { 'LC-001': 12, 'LC-002': 0, 'LC-003': 5 };
const ITEMS = Object.keys(SANDBOX_STOCK);
/** Avito sets stock per listing: the same three items as listing numbers, shown 12, 0 and 5. */
export const AVITO_SANDBOX_ITEMS = ['3000000001', '3000000002', '3000000003'];
const itemsOf = (channel: ChannelName) => (channel === 'avito' ? AVITO_SANDBOX_ITEMS : ITEMS);
/** Longer than any delay a sandbox may put between a push and its showing. */
const SEED_SETTLE_MS = 20 * 60_000;
const HOUR = 3_600_000;

export interface SandboxSession extends Transport {
  keys: Keys;
  /** Stocks through the connector itself, then orders: after the target is chosen. */
  seed(connector: Connector, target: Target | undefined): void;
  stop(): Promise<void>;
}

export async function startSandboxSession(channel: ChannelName, timeoutMs: number): Promise<SandboxSession> {
  const sandboxes = await startSandboxes(Date.now());
  seedCatalogue(sandboxes, channel);
  return {
    http: createFetchClient({ timeoutMs, route: (url) => sandboxes.route(url) }),
    timer: sandboxes.clock.timer(),
    keys: SANDBOX_KEYS[channel],
    seed(connector, target) {
      connector.setStocks(itemsOf(channel).map((id, k) => ({ id, amount: SANDBOX_STOCK[ITEMS[k]] })));
      sandboxes.clock.advance(SEED_SETTLE_MS);
      seedOrders(sandboxes, channel, target, sandboxes.clock.now());
      sandboxes.clock.advance(1000);
    },
    stop: () => sandboxes.stop(),
  };
}

function seedCatalogue(s: Sandboxes, channel: ChannelName): void {
  if (channel === 'wb')
    s.control('wb', 'seed', {
      items: ITEMS.map((vendorCode, i) => ({ vendorCode, sizes: [[`46000000000${i + 1}0`]] })),
    });
  else if (channel === 'aliexpress') s.control('aliexpress', 'seed', { codes: ITEMS });
  else if (channel === 'avito') s.control('avito', 'seed', { items: AVITO_SANDBOX_ITEMS.map(Number) });
  else s.control(channel, 'seed', { offers: ITEMS });
}

/** A new order, a shipped one and a cancelled one, created two hours ago. */
function seedOrders(s: Sandboxes, channel: ChannelName, target: Target | undefined, now: number): void {
  const createdAt = now - 2 * HOUR;
  const [fresh, shipped, cancelled] = itemsOf(channel);
  if (channel === 'megamarket') {
    const shipment = (shipmentId: string, status: string, offerId: string) =>
      s.control('megamarket', 'shipment', { shipmentId, status, createdAt, items: [{ offerId }] });
    shipment('80001', 'NEW', fresh);
    shipment('80002', 'SHIPPED', shipped);
    shipment('80003', 'CUSTOMER_CANCELED', cancelled);
    return;
  }
  if (channel === 'aliexpress') {
    const order = (id: number, status: string, delivery_status: string, code: string) =>
      s.control('aliexpress', 'order', { id, status, delivery_status, createdAt, codes: [code] });
    order(6001, 'Created', 'Init', fresh);
    order(6002, 'InProgress', 'Shipped', shipped);
    order(6003, 'Cancelled', 'Cancelled', cancelled);
    return;
  }
  if (!target) throw new Error(`${channel}: no target to seed orders for`);
  if (channel === 'ozon') {
    const warehouse_id = Number(target.id);
    const posting = (n: string, status: string, offer_id: string) =>
      s.control('ozon', 'posting', {
        posting_number: n,
        status,
        createdAt,
        warehouse_id,
        products: [{ offer_id, quantity: 1 }],
      });
    posting('70001-0001-1', 'awaiting_packaging', fresh);
    posting('70002-0001-1', 'delivering', shipped);
    posting('70003-0001-1', 'cancelled', cancelled);
  } else if (channel === 'yandex') {
    const order = (orderId: number, status: string, substatus: string, offerId: string) =>
      s.control('yandex', 'order', {
        orderId,
        status,
        substatus,
        createdAt,
        campaignId: Number(target.id),
        items: [{ offerId, count: 1 }],
      });
    order(7001, 'PROCESSING', 'STARTED', fresh);
    order(7002, 'DELIVERY', 'DELIVERY_SERVICE_RECEIVED', shipped);
    order(7003, 'CANCELLED', 'USER_CHANGED_MIND', cancelled);
  } else if (channel === 'avito') {
    const order = (orderId: string, status: string, id: string) =>
      s.control('avito', 'order', { orderId, status, createdAt, items: [{ id: Number(id), count: 1 }] });
    order('70000000000000001', 'on_confirmation', fresh);
    order('70000000000000002', 'in_transit', shipped);
    order('70000000000000003', 'canceled', cancelled);
  } else {
    const order = (id: number, supplierStatus: string, wbStatus: string, vendorCode: string) =>
      s.control('wb', 'order', { id, supplierStatus, wbStatus, vendorCode, createdAt, warehouseId: Number(target.id) });
    order(5001, 'new', 'waiting', fresh);
    order(5002, 'complete', 'sold', shipped);
    order(5003, 'cancel', 'canceled', cancelled);
  }
}
