/**
 * XmlService as Apps Script has it (parse → Document → Element), over @xmldom/xmldom, with JDOM's
 * rules, which XmlService follows: `getName()` is the local name; `getChildren(name)`, `getChild(name)`
 * and `getAttribute(name)` without a namespace find only names in no namespace (an element of a file
 * with a default namespace, such as an XLSX sheet or 1C's CommerceML, is not found that way);
 * `getText()` is the text directly inside the element, `getValue()` all text below it; namespace
 * declarations are not attributes.
 */
import { DOMParser, type Attr as DomAttr, type Element as DomElement, type Node as DomNode } from '@xmldom/xmldom';

const XMLNS = 'http://www.w3.org/2000/xmlns/';

class FakeNamespace {
  constructor(
    private readonly prefix: string,
    private readonly uri: string,
  ) {}
  getPrefix() {
    return this.prefix;
  }
  getURI() {
    return this.uri;
  }
}

const NO_NAMESPACE = new FakeNamespace('', '');

function sameNamespace(node: { namespaceURI: string | null }, ns: FakeNamespace | undefined): boolean {
  return (node.namespaceURI ?? '') === (ns ?? NO_NAMESPACE).getURI();
}

class FakeAttribute {
  constructor(private readonly attr: DomAttr) {}
  getName() {
    return this.attr.localName ?? this.attr.name;
  }
  getValue() {
    return this.attr.value;
  }
  getNamespace() {
    return new FakeNamespace(this.attr.prefix ?? '', this.attr.namespaceURI ?? '');
  }
}

class FakeXmlElement {
  constructor(private readonly node: DomElement) {}
  getName() {
    return this.node.localName ?? this.node.nodeName;
  }
  getQualifiedName() {
    return this.node.nodeName;
  }
  getNamespace() {
    return new FakeNamespace(this.node.prefix ?? '', this.node.namespaceURI ?? '');
  }
  getText() {
    let text = '';
    for (let n: DomNode | null = this.node.firstChild; n; n = n.nextSibling)
      if (n.nodeType === 3 || n.nodeType === 4) text += n.nodeValue ?? '';
    return text;
  }
  getValue() {
    return this.node.textContent ?? '';
  }
  getAttributes() {
    const out: FakeAttribute[] = [];
    for (let i = 0; i < this.node.attributes.length; i++) {
      const a = this.node.attributes.item(i) as DomAttr;
      if (a.namespaceURI !== XMLNS) out.push(new FakeAttribute(a));
    }
    return out;
  }
  getAttribute(name: string, ns?: FakeNamespace) {
    return (
      this.getAttributes().find(
        (a) => a.getName() === name && a.getNamespace().getURI() === (ns ?? NO_NAMESPACE).getURI(),
      ) ?? null
    );
  }
  getChildren(name?: string, ns?: FakeNamespace) {
    const out: FakeXmlElement[] = [];
    for (let n: DomNode | null = this.node.firstChild; n; n = n.nextSibling) {
      if (n.nodeType !== 1) continue;
      const el = n as DomElement;
      if (name === undefined || (el.localName === name && sameNamespace(el, ns))) out.push(new FakeXmlElement(el));
    }
    return out;
  }
  getChild(name: string, ns?: FakeNamespace) {
    return this.getChildren(name, ns)[0] ?? null;
  }
  getChildText(name: string, ns?: FakeNamespace) {
    return this.getChild(name, ns)?.getText() ?? null;
  }
}

export type { FakeXmlElement };

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
  getNamespace(prefixOrUri: string, uri?: string) {
    return uri === undefined ? new FakeNamespace('', prefixOrUri) : new FakeNamespace(prefixOrUri, uri);
  },
  getNoNamespace() {
    return NO_NAMESPACE;
  },
};
