/** XML text as the core's XmlElement (core/xml.ts), through XmlService. */
import { wrapElement, type XmlElement } from '../core/xml';

/** The document's root element; throws XmlService's error for text that is not well-formed XML. */
export function parseXml(text: string): XmlElement {
  const root = XmlService.parse(text).getRootElement();
  if (!root) throw new Error('пустой XML');
  return wrapElement(root);
}
