/** XML and XLSX for unit tests, read the way the bundle reads them: the fake XmlService under the adapter's wrapper. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { XlsxPart } from '../../src/core/xlsx';
import { wrapElement, type XmlElement } from '../../src/core/xml';
import { fakeXmlService } from '../fakes/xmlService';
import { unzipFiles } from '../fakes/zip';

export function xml(text: string): XmlElement {
  return wrapElement(fakeXmlService.parse(text).getRootElement());
}

/** The parts of a zip, parsed on demand. */
export function xlsxParts(zip: Buffer): XlsxPart & { read: string[] } {
  const files = new Map(unzipFiles(zip).map((f) => [f.name, f.bytes.toString('utf8')]));
  const read: string[] = [];
  const part = (p: string) => {
    read.push(p);
    const text = files.get(p);
    return text === undefined ? null : xml(text);
  };
  return Object.assign(part, { read });
}

export const fixture = (name: string) => fs.readFileSync(path.resolve(__dirname, '../fixtures/xlsx', name));

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** The smallest XLSX: one sheet per entry (`[name, sheetData inner XML]`), shared strings as given. */
export function xlsxEntries(sheets: [string, string][], strings: string[] = []) {
  return [
    {
      name: '_rels/.rels',
      data: `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data: `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${sheets
        .map(([n], i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('')}</sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: `<Relationships xmlns="${PKG}">${sheets
        .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
        .join('')}<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    },
    ...sheets.map(([, data], i) => ({
      name: `xl/worksheets/sheet${i + 1}.xml`,
      data: `<worksheet xmlns="${MAIN}"><sheetData>${data}</sheetData></worksheet>`,
    })),
    {
      name: 'xl/sharedStrings.xml',
      data: `<sst xmlns="${MAIN}">${strings.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`,
    },
  ];
}
