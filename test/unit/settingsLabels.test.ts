/**
 * Every message saving gives about a field starts with the label the form shows for it (issue 14): the seller
 * finds «Ждать заказ, минут: от 1 до 10080» under «Ждать заказ, минут», never «Ожидание заказа: …»; and no
 * message shows a date as ISO text.
 */
import { validateSettings } from '../../src/core/settings';
import { itemPrefix, LABELLED_FIELDS, labelledSettings } from '../fixtures/formLabels';

const now = new Date('2026-11-22T10:00:00Z');

function errorsFor(spoil: (s: any) => void) {
  const settings = labelledSettings();
  spoil(settings);
  const result = validateSettings(settings, now);
  return { settings, errors: result.ok ? [] : result.errors };
}

it('the untouched shop is valid: each refusal below comes from its one spoiled field', () => {
  expect(validateSettings(labelledSettings(), now)).toMatchObject({ ok: true });
});

describe.each(LABELLED_FIELDS)('$path', ({ path, label, spoil }) => {
  it(`starts with «${label}»`, () => {
    const { settings, errors } = errorsFor(spoil);
    const at = errors.filter((e) => e.path === path);
    expect(at).toHaveLength(1);
    expect(at[0].message.startsWith(`${itemPrefix(settings, path)}${label}: `)).toBe(true);
    // Nothing after the label repeats the JSON's names or an ISO date.
    expect(at[0].message).not.toMatch(/\d{4}-\d{2}-\d{2}T|maxZeroShare|pendingHoldMinutes|activeFrom/);
  });
});

it('fields the form gains elsewhere (the orders lane, the Google account) use their labels too', () => {
  const lane = errorsFor((s) => (s.schedule.ordersEveryMinutes = 3)).errors;
  expect(lane).toEqual([
    {
      path: 'schedule.ordersEveryMinutes',
      message: 'Заказы отдельно от расписания: каждую минуту, каждые 5 минут или выключено',
    },
  ]);
  const quota = errorsFor((s) => (s.quota = { dailyTriggerMinutes: 100 })).errors;
  expect(quota[0].message).toMatch(/^Аккаунт Google: /);
});

it("the guard is said in the form's percent; the date hint is in the sheet's form, with no ISO example", () => {
  const share = errorsFor((s) => (s.guard = { maxZeroShare: 2 })).errors[0];
  expect(share.message).toBe('Задержать, если в 0 уходит больше, %: от 0 до 100 (в настройках JSON — доля от 0 до 1)');
  const date = errorsFor((s) => (s.reserves.activeFrom = 'завтра')).errors[0];
  expect(date.message).toBe('Учитывать заказы с (дата и время): нужна дата в виде 25.11.2026 или 25.11.2026 18:00');
});

it('a missing or wrongly typed field is named by its label as well', () => {
  const missing = errorsFor((s) => delete s.channels[0].column).errors[0];
  expect(missing).toEqual({
    path: 'channels.0.column',
    message: 'Канал 1 «Ozon»: Столбец на листе «Остатки»: не заполнено',
  });
  const wrongType = errorsFor((s) => (s.channels[0].filter = 'Кружка')).errors[0];
  expect(wrongType.message).toBe('Канал 1 «Ozon»: Фильтр товаров: неверный тип, нужен объект { … }');
});
