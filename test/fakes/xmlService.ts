/** XmlService as Apps Script has it (parse → Document → Element), over @xmldom/xmldom. */
import { DOMParser, type Element as DomElement } from '@xmldom/xmldom';

class FakeXmlElement {
  constructor(private readonly node: DomElement) {}
  getName() {
    return this.node.localName ?? this.node.nodeName;
  }
  getText() {
    return this.node.textContent ?? '';
  }
  getAttribute(name: string) {
    return this.node.hasAttribute(name)
      ? { getName: () => name, getValue: () => this.node.getAttribute(name) ?? '' }
      : null;
  }
  getChildren(name?: string) {
    const out: FakeXmlElement[] = [];
    for (let n = this.node.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 1 && (name === undefined || (n as DomElement).localName === name || n.nodeName === name))
        out.push(new FakeXmlElement(n as DomElement));
    }
    return out;
  }
  getChild(name: string) {
    return this.getChildren(name)[0] ?? null;
  }
}

export const fakeXmlService = {
  parse(xml: string) {
    const errors: string[] = [];
    const doc = new DOMParser({
      onError: (level: string, message: string) => {
        if (level !== 'warning') errors.push(message);
      },
    }).parseFromString(xml, 'text/xml');
    if (errors.length || !doc.documentElement)
      throw new Error(`Exception: Error on line 1: ${errors[0] ?? 'Content is not allowed in prolog.'}`);
    return { getRootElement: () => new FakeXmlElement(doc.documentElement as DomElement) };
  },
};
