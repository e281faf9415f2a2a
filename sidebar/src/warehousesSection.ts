/** «Склады» of the settings form: a card per warehouse (column, type, «В продаже», source) and «Добавить склад». */
import { h } from './dom';
import { type FormContext, nextId, type Warehouse } from './draft';
import { button, checkbox, control, errorSlot, select, textInput } from './fields';
import { sourceEditor } from './sourceEditor';

const WAREHOUSE_TYPES: [Warehouse['type'], string][] = [
  ['own', 'Мой'],
  ['supplier', 'Поставщик'],
];

export function warehousesSection(ctx: FormContext): HTMLElement[] {
  return [
    errorSlot('warehouses'),
    ...ctx.draft.warehouses.map((w, i) => warehouseCard(ctx, w, i)),
    button('Добавить склад', () => {
      ctx.draft.warehouses.push({
        id: nextId(
          'w',
          ctx.draft.warehouses.map((w) => w.id),
        ),
        column: 'Новый склад',
        type: 'own',
        inSale: true,
      });
      ctx.rerender();
    }),
  ];
}

function warehouseCard(ctx: FormContext, w: Warehouse, i: number): HTMLElement {
  const remove = button('Удалить склад', () => {
    ctx.draft.warehouses.splice(i, 1);
    ctx.rerender();
  });
  return h(
    'div',
    { class: 'card', 'data-warehouse': w.id },
    control(
      'Столбец на листе «Остатки»',
      textInput(w.column, (v) => {
        w.column = v;
      }),
      `warehouses.${i}.column`,
    ),
    control(
      'Тип',
      select(WAREHOUSE_TYPES, w.type, (v) => {
        w.type = v;
      }),
      `warehouses.${i}.type`,
    ),
    checkbox('В продаже', w.inSale, (v) => {
      w.inSale = v;
    }),
    sourceEditor(ctx, w, i),
    errorSlot(`warehouses.${i}`),
    remove,
  );
}
