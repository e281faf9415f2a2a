/** GmailApp.search → threads → messages → attachments, for mail sources. */
import { fakeBlob } from './urlFetch';

export interface FakeMail {
  query: string;
  attachments: { name: string; contentType: string; bytes: Buffer }[];
  date: Date;
}

export class FakeGmailApp {
  mails: FakeMail[] = [];
  search(query: string, start = 0, max = 500) {
    const found = this.mails
      .filter((m) => m.query === query)
      .sort((a, b) => b.date.getTime() - a.date.getTime())
      .slice(start, start + max);
    return found.map((mail) => ({
      getMessages: () => [
        {
          getDate: () => mail.date,
          getAttachments: () => mail.attachments.map((a) => fakeBlob(a.bytes, a.contentType, a.name)),
        },
      ],
    }));
  }
}
