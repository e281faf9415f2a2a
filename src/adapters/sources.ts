/** SourcePort over UrlFetchApp, Utilities, XmlService, SpreadsheetApp.openByUrl and GmailApp. */
import type { FeedOffer } from '../core/sources';
import type { SourcePort, Values } from '../usecases/ports';

// Replaced at build time with the manifest's urlFetchWhitelist (rollup.config.js).
declare const __OSTATKI_URL_FETCH_WHITELIST__: string[];

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** UTF-8 unless it does not decode, then Windows-1251 (what Russian suppliers' Excel saves). */
function decode(blob: GoogleAppsScript.Base.Blob): string {
  let text = blob.getDataAsString('UTF-8');
  if (text.includes('\uFFFD')) text = blob.getDataAsString('windows-1251');
  return text.replace(/^\uFEFF/, '');
}

export function appsScriptSources(): SourcePort {
  return {
    whitelist: __OSTATKI_URL_FETCH_WHITELIST__,
    fetchFile(url) {
      try {
        const response = UrlFetchApp.fetch(url, { muteHttpExceptions: true, followRedirects: true });
        const status = response.getResponseCode();
        if (status < 200 || status >= 300) return { ok: false, reason: `сервер не отдал файл (HTTP ${status})` };
        return { ok: true, text: decode(response.getBlob()) };
      } catch (error) {
        return { ok: false, reason: `не удалось скачать: ${message(error)}` };
      }
    },
    parseCsv: (text, delimiter) => Utilities.parseCsv(text, delimiter) as string[][],
    parseFeed(text) {
      try {
        const root = XmlService.parse(text).getRootElement();
        if (!root) return { ok: false, reason: 'пустой XML' };
        const shop = root.getChild('shop') ?? root;
        const offersEl = shop.getChild('offers') ?? shop;
        const offers: FeedOffer[] = offersEl.getChildren('offer').map((offer) => {
          const values: Record<string, string> = {};
          for (const child of offer.getChildren())
            if (values[child.getName()] === undefined) values[child.getName()] = child.getText();
          const available = offer.getAttribute('available');
          if (values.available === undefined && available) values.available = available.getValue();
          const id = offer.getAttribute('id');
          return {
            id: id ? id.getValue() : undefined,
            vendorCode: values.vendorCode,
            barcodes: offer.getChildren('barcode').map((b) => b.getText()),
            values,
          };
        });
        return { ok: true, offers };
      } catch (error) {
        return { ok: false, reason: `не читается как YML/XML: ${message(error)}` };
      }
    },
    readSpreadsheet(url, sheet) {
      try {
        const target = SpreadsheetApp.openByUrl(url).getSheetByName(sheet);
        if (!target) return { ok: false, reason: `в таблице нет листа «${sheet}»` };
        return { ok: true, values: target.getDataRange().getValues() as Values };
      } catch (error) {
        return { ok: false, reason: `таблица не открывается (нет доступа или неверная ссылка): ${message(error)}` };
      }
    },
    newestMailCsv(query) {
      try {
        const [thread] = GmailApp.search(query, 0, 1);
        if (!thread) return { ok: false, reason: `нет писем по запросу «${query}»` };
        const messages = thread.getMessages();
        const newest = messages[messages.length - 1];
        const csv = newest.getAttachments().find((a) => /\.csv$/i.test(a.getName()) || /csv/i.test(a.getContentType()));
        if (!csv) return { ok: false, reason: 'в последнем письме нет вложения CSV' };
        return { ok: true, text: decode(csv.copyBlob()), name: csv.getName() };
      } catch (error) {
        return {
          ok: false,
          reason: `почта недоступна (нужна сборка с доступом к Gmail, см. README): ${message(error)}`,
        };
      }
    },
  };
}
