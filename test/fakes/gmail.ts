/**
 * GmailApp.search → threads → messages → attachments, for mail sources. Mails with the same `thread`
 * are one conversation: search gives threads newest first (by their newest message), and a thread's
 * messages oldest first, as Gmail does; a mail without `thread` is a thread of its own.
 */
import { fakeBlob } from './urlFetch';

export interface FakeMail {
  query: string;
  attachments: { name: string; contentType: string; bytes: Buffer }[];
  date: Date;
  thread?: string;
}

export class FakeGmailApp {
  mails: FakeMail[] = [];
  search(query: string, start = 0, max = 500) {
    const threads = new Map<string | FakeMail, FakeMail[]>();
    for (const mail of this.mails.filter((m) => m.query === query)) {
      const key = mail.thread ?? mail;
      threads.set(key, [...(threads.get(key) ?? []), mail]);
    }
    const newest = (mails: FakeMail[]) => mails.reduce((t, m) => Math.max(t, m.date.getTime()), 0);
    return [...threads.values()]
      .sort((a, b) => newest(b) - newest(a))
      .slice(start, start + max)
      .map((mails) => ({
        getMessages: () =>
          [...mails]
            .sort((a, b) => a.date.getTime() - b.date.getTime())
            .map((mail) => ({
              getDate: () => mail.date,
              getAttachments: () => mail.attachments.map((a) => fakeBlob(a.bytes, a.contentType, a.name)),
            })),
      }));
  }
}
