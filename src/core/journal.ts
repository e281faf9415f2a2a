/** «Журнал» (SPEC 2.3): one row per channel per task, newest at the bottom, at most 5,000 rows. */
import { asPlainText } from './plainText';

export const JOURNAL_SHEET = 'Журнал';
export const JOURNAL_HEADER = [
  'Время',
  'Задача',
  'Запуск',
  'Пользователь',
  'Канал',
  'Позиций',
  'Принято',
  'Ошибок',
  'Статус',
  'Подробности',
];
export const JOURNAL_KEEP = 5000;

export type RunTrigger = 'Кнопка' | 'Расписание' | 'Правка' | 'Меню' | 'Заказы';
export type JournalStatus =
  | 'Выполнено'
  | 'Частично'
  | 'Ошибка'
  | 'Задержано защитой'
  | 'Отправка выключена'
  | 'Пропущено'
  | 'Списание'
  | 'Импорт'
  | 'Заказы';

export interface JournalRow {
  at: number;
  task: string;
  trigger: RunTrigger;
  user: string;
  channel: string;
  items: number;
  accepted: number;
  errors: number;
  status: JournalStatus;
  details: string;
}

export function statusOf(items: number, accepted: number): 'Выполнено' | 'Частично' | 'Ошибка' {
  if (accepted === items) return 'Выполнено';
  return accepted === 0 ? 'Ошибка' : 'Частично';
}

/** The first rejected items and why, for «Подробности». */
export function rejectedDetails(rejected: readonly { id: string; reason?: string }[], first = 3): string {
  if (!rejected.length) return '';
  const shown = rejected.slice(0, first).map((r) => `${r.id}: ${r.reason ?? 'не принято'}`);
  const more = rejected.length - shown.length;
  return shown.join('; ') + (more > 0 ? `; и ещё ${more}` : '');
}

/** Values for the sheet: the time as a Date, every text as plain text (never a formula). */
export function journalValues(row: JournalRow, toDate: (ms: number) => unknown): unknown[] {
  return [
    toDate(row.at),
    asPlainText(row.task),
    row.trigger,
    asPlainText(row.user),
    asPlainText(row.channel),
    row.items,
    row.accepted,
    row.errors,
    row.status,
    asPlainText(row.details.length > 1000 ? `${row.details.slice(0, 1000)}…` : row.details),
  ];
}
