/** Order statuses where stock is at stake: what is still ours to ship, what left, what was cancelled. */
import { mapOzonStatus, shownForSale } from '../../src/connectors/ozon';
import { mapWbStatus } from '../../src/connectors/wildberries';

it('Ozon: a posting the sorting centre did not accept is back with the seller — still ours to ship', () => {
  expect(mapOzonStatus('not_accepted')).toBe('new');
});

it('Wildberries: a task handed over and then cancelled left the warehouse — shipped, not a cancel that frees it', () => {
  expect(mapWbStatus('complete', 'canceled')).toBe('shipped');
  expect(mapWbStatus('complete', 'defect')).toBe('shipped');
  expect(mapWbStatus('confirm', 'canceled')).toBe('cancelled');
  expect(mapWbStatus('cancel', 'waiting')).toBe('cancelled');
});

it('Ozon: a stock entry that names no warehouse says nothing of the channel’s warehouse', () => {
  expect(shownForSale({ free_stock: 5 }, 22)).toBeUndefined();
  expect(shownForSale({ warehouse_id: 22, free_stock: 5 }, 22)).toBe(5);
});
