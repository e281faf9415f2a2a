/** SourcePort over UrlFetchApp, Utilities, XmlService, SpreadsheetApp.openByUrl and GmailApp. */
import { attachmentKind, declaredXmlCharset, type FeedOffer, pickAttachment } from '../core/sources';
import type { XmlElement } from '../core/xml';
import type { MailFile, SourcePort, Values } from '../usecases/ports';
import { parseXml } from './xml';

// Replaced at build time with the manifest's urlFetchWhitelist (rollup.config.js).
declare const __OSTATKI_URL_FETCH_WHITELIST__: string[];

/** An error's message; not by instanceof, which fails for an error made in another realm (the tests' fakes). */
function message(error: unknown): string {
  const text = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
  return typeof text === 'string' ? text : String(error);
}

/**
 * The charset an XML file declares (YML feeds are often windows-1251); otherwise UTF-8 unless it does
 * not decode, then Windows-1251 (what Russian suppliers' Excel saves).
 */
function decode(blob: GoogleAppsScript.Base.Blob): string {
  let text = blob.getDataAsString('UTF-8');
  const declared = declaredXmlCharset(text);
  let redecoded = false;
  if (declared)
    try {
      text = blob.getDataAsString(declared);
      redecoded = true;
    } catch {
      // A charset Apps Script does not know: the guess below reads it as well as it can.
    }
  if (!redecoded && text.includes('\uFFFD')) text = blob.getDataAsString('windows-1251');
  return text.replace(/^\uFEFF/, '');
}

/** One `<offer>`: child texts by name, params in order, the outlets' `instock`, barcodes; one pass over its children. */
function readOffer(offer: GoogleAppsScript.XML_Service.Element): FeedOffer {
  const values: Record<string, string> = {};
  const params: { name: string; value: string }[] = [];
  const outlets: (string | undefined)[] = [];
  const barcodes: string[] = [];
  for (const child of offer.getChildren()) {
    const name = child.getName();
    if (name === 'param') params.push({ name: child.getAttribute('name')?.getValue() ?? '', value: child.getText() });
    else if (name === 'outlets')
      for (const outlet of child.getChildren('outlet')) outlets.push(outlet.getAttribute('instock')?.getValue());
    else if (name === 'barcode') barcodes.push(child.getText());
    else if (values[name] === undefined) values[name] = child.getText();
  }
  const available = offer.getAttribute('available');
  if (values.available === undefined && available) values.available = available.getValue();
  const id = offer.getAttribute('id');
  return { id: id ? id.getValue() : undefined, vendorCode: values.vendorCode, barcodes, values, params, outlets };
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
        const offers = offersEl.getChildren('offer').map(readOffer);
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
    parseXml(text) {
      try {
        return { ok: true, root: parseXml(text) };
      } catch (error) {
        return { ok: false, reason: `не читается как XML: ${message(error)}` };
      }
    },
    newestMailFile,
  };
}

type Attachment = GoogleAppsScript.Gmail.GmailAttachment;

/**
 * The newest message of the newest matching thread that has a CSV, XLSX or XML attachment (a reply
 * without the file is passed over), and that attachment read.
 */
function newestMailFile(query: string): MailFile {
  try {
    const [thread] = GmailApp.search(query, 0, 1);
    if (!thread) return { ok: false, reason: `нет писем по запросу «${query}»` };
    const messages = thread.getMessages();
    for (let i = messages.length - 1; i >= 0; i--) {
      const attachments = messages[i].getAttachments();
      const pick = pickAttachment(attachments.map((a) => ({ name: a.getName(), contentType: a.getContentType() })));
      if (pick === null) continue;
      if (!pick.ok) return pick;
      const file = attachments[pick.index];
      if (pick.kind === 'csv') return { ok: true, kind: 'csv', name: file.getName(), text: decode(file.copyBlob()) };
      if (pick.kind === 'xlsx') return unzipXlsx(file);
      return xmlAttachments(attachments);
    }
    return { ok: false, reason: 'в письме по запросу нет вложения CSV, XLSX или XML' };
  } catch (error) {
    return {
      ok: false,
      reason: `почта недоступна (нужна сборка с доступом к Gmail, см. README): ${message(error)}`,
    };
  }
}

/**
 * An XLSX is a zip of XML parts. Utilities.unzip takes only a blob typed application/zip, and mail gives
 * an XLSX its own type (or application/octet-stream): the copy is retyped first. Parts are parsed when read.
 */
function unzipXlsx(file: Attachment): MailFile {
  const name = file.getName();
  let files: GoogleAppsScript.Base.Blob[];
  try {
    files = Utilities.unzip(file.copyBlob().setContentType('application/zip'));
  } catch (error) {
    return {
      ok: false,
      reason: `вложение «${name}» не распаковывается как XLSX (файл повреждён или защищён паролем): ${message(error)}`,
    };
  }
  const byPath = new Map(files.map((f) => [f.getName(), f]));
  const parsed = new Map<string, XmlElement | null>();
  const part = (path: string): XmlElement | null => {
    if (parsed.has(path)) return parsed.get(path) ?? null;
    const blob = byPath.get(path);
    let root: XmlElement | null = null;
    try {
      root = blob ? parseXml(decode(blob)) : null;
    } catch (error) {
      throw new Error(`часть ${path} не читается как XML: ${message(error)}`);
    }
    parsed.set(path, root);
    return root;
  };
  return { ok: true, kind: 'xlsx', name, part };
}

/** 1C's files attached to one message (offers.xml, often with import.xml), each parsed. */
function xmlAttachments(attachments: Attachment[]): MailFile {
  const documents: XmlElement[] = [];
  const names: string[] = [];
  for (const a of attachments) {
    if (attachmentKind(a.getName(), a.getContentType()) !== 'xml') continue;
    try {
      documents.push(parseXml(decode(a.copyBlob())));
      names.push(a.getName());
    } catch (error) {
      return { ok: false, reason: `вложение «${a.getName()}» не читается как XML: ${message(error)}` };
    }
  }
  return { ok: true, kind: 'xml', name: names.join(', '), documents };
}
