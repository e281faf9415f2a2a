/**
 * dist/Code.js over the fakes: «Сохранить» with several mistakes in the settings answers with all of them
 * at once, each with its path and a Russian message, and stores nothing (SPEC 4, SPEC 8 saveSettings).
 */
import { loadBundle } from '../fakes/gas';
import { FakeSpreadsheet } from '../fakes/spreadsheet';
import { workedExampleSettings, workedExampleStock } from '../fixtures/workedExample';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

function workedBook(): FakeSpreadsheet {
  const book = new FakeSpreadsheet();
  book.addSheet('Остатки', workedExampleStock);
  return book;
}

/** A 140 % share and a channel column equal to a warehouse column (both on Ozon), an unknown warehouse
 * in a channel's sources, a formula that does not parse, and a type error in another section. */
function settingsWithMistakes() {
  const s = clone(workedExampleSettings) as any;
  s.guard = { minItems: 'пять' };
  s.channels[0].rule.percent = 140;
  s.channels[0].column = 'склад';
  s.channels[1].rule.otherwise = 'x +';
  s.channels[2].sources = ['sklad', 'ghost'];
  return s;
}

const ALL_MISTAKES = [
  { path: 'guard.minItems', message: '…и хотя бы позиций: нужно число' },
  { path: 'channels.0.rule.percent', message: 'Канал 1 «Ozon»: Доля, %: от 0 до 100' },
  {
    path: 'channels.0.column',
    message: 'Канал 1 «Ozon»: Столбец на листе «Остатки»: «склад» совпадает со столбцом склада «Склад»',
  },
  {
    path: 'channels.1.rule.otherwise',
    message: 'Канал 2 «Wildberries»: Иначе: ожидалось число, x или «(», а стоит конец формулы (позиция 4)',
  },
  { path: 'channels.2.sources.1', message: 'Канал 3 «Яндекс Маркет»: Склады канала: нет склада с кодом «ghost»' },
];

describe('bundle: saveSettings with several mistakes', () => {
  it('answers {ok:false} with every mistake, each with its path, and stores nothing', () => {
    const g = loadBundle({ book: workedBook() });
    const result = g.fn.saveSettings(settingsWithMistakes());
    expect(JSON.parse(JSON.stringify(result))).toEqual({ ok: false, errors: ALL_MISTAKES });
    expect(g.properties.document.data.size).toBe(0);
    expect(g.book.io.writes).toBe(0);
    expect(g.book.sheet('Остатки').dump()).toEqual(workedExampleStock);
    expect(g.fn.getState().settingsStatus).toBe('none');
  });

  it('says the same for the settings sent as JSON text', () => {
    const g = loadBundle({ book: workedBook() });
    const result = g.fn.saveSettings(JSON.stringify(settingsWithMistakes()));
    expect(JSON.parse(JSON.stringify(result))).toEqual({ ok: false, errors: ALL_MISTAKES });
    expect(g.properties.document.data.size).toBe(0);
  });

  it('keeps the settings saved before untouched', () => {
    const g = loadBundle({ book: workedBook() });
    expect(g.fn.saveSettings(workedExampleSettings).ok).toBe(true);
    const stored = new Map(g.properties.document.data);
    const sheet = g.book.sheet('Остатки').dump();
    expect(g.fn.saveSettings(settingsWithMistakes()).ok).toBe(false);
    expect(new Map(g.properties.document.data)).toEqual(stored);
    expect(g.book.sheet('Остатки').dump()).toEqual(sheet);
    expect(g.fn.getState().settings.channels[0]).toMatchObject({ column: 'Ozon', rule: { percent: 90 } });
  });
});
