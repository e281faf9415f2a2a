/**
 * ContentService as Apps Script has it: createTextOutput(content?) gives a TextOutput (text/plain until
 * setMimeType) with getContent, setContent, append, clear, getMimeType, downloadAsFile and getFileName;
 * setMimeType takes only a ContentService.MimeType value and throws on anything else, as the real one does
 * for an argument that is not of the enum.
 */
export const MIME_TYPES = {
  ATOM: 'ATOM',
  CSV: 'CSV',
  ICAL: 'ICAL',
  JAVASCRIPT: 'JAVASCRIPT',
  JSON: 'JSON',
  RSS: 'RSS',
  TEXT: 'TEXT',
  VCARD: 'VCARD',
  XML: 'XML',
} as const;

export type MimeTypeName = keyof typeof MIME_TYPES;

/** What each MimeType is served as (the Content-Type the redirect target answers with). */
export const CONTENT_TYPES: Record<MimeTypeName, string> = {
  ATOM: 'application/atom+xml',
  CSV: 'text/csv',
  ICAL: 'text/calendar',
  JAVASCRIPT: 'application/javascript',
  JSON: 'application/json',
  RSS: 'application/rss+xml',
  TEXT: 'text/plain',
  VCARD: 'text/vcard',
  XML: 'application/xml',
};

export class FakeTextOutput {
  private mime: MimeTypeName = 'TEXT';
  private fileName: string | null = null;
  constructor(private content = '') {}
  getContent(): string {
    return this.content;
  }
  setContent(content: string): FakeTextOutput {
    this.content = String(content);
    return this;
  }
  append(more: string): FakeTextOutput {
    this.content += String(more);
    return this;
  }
  clear(): FakeTextOutput {
    this.content = '';
    return this;
  }
  getMimeType(): MimeTypeName {
    return this.mime;
  }
  setMimeType(mime: unknown): FakeTextOutput {
    if (typeof mime !== 'string' || !(mime in MIME_TYPES))
      throw new Error(
        `Exception: The parameters (${typeof mime}) don't match the method signature for ContentService.TextOutput.setMimeType.`,
      );
    this.mime = mime as MimeTypeName;
    return this;
  }
  downloadAsFile(name: string): FakeTextOutput {
    this.fileName = name;
    return this;
  }
  getFileName(): string | null {
    return this.fileName;
  }
}

export const fakeContentService = {
  MimeType: MIME_TYPES,
  createTextOutput(content?: string): FakeTextOutput {
    return new FakeTextOutput(content === undefined ? '' : String(content));
  },
};
