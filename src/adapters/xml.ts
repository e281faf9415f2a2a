/**
 * XmlService's elements as the core's XmlElement (core/xml.ts). XmlService's `getChildren(name)` and
 * `getAttribute(name)` find only names in no namespace — an XLSX sheet or a CommerceML file has a default
 * namespace — so children are taken whole and matched by local name. Wrapping is lazy: a reader that
 * never looks inside an offer's prices does not pay for them.
 */
import type { XmlElement } from '../core/xml';

type Element = GoogleAppsScript.XML_Service.Element;

export function xmlElement(el: Element): XmlElement {
  let children: XmlElement[] | undefined;
  return {
    name: el.getName(),
    attr(name) {
      const plain = el.getAttribute(name);
      if (plain) return plain.getValue();
      // `r:id` of a workbook's sheet: the same local name in a namespace.
      return el
        .getAttributes()
        .find((a) => a.getName() === name)
        ?.getValue();
    },
    children() {
      if (!children) children = el.getChildren().map(xmlElement);
      return children;
    },
    text: () => el.getText(),
  };
}

/** The document's root element; throws XmlService's error for text that is not well-formed XML. */
export function parseXml(text: string): XmlElement {
  const root = XmlService.parse(text).getRootElement();
  if (!root) throw new Error('пустой XML');
  return xmlElement(root);
}
