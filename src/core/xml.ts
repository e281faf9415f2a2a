/**
 * An XML element as the core reads it, pure: the adapter wraps XmlService's elements in this, and the
 * XLSX and CommerceML readers work on it. Names are local names whatever the namespace: a sheet of an
 * XLSX may be written with or without a prefix, and 1C's files come with the CommerceML namespace or,
 * from old exports, without one.
 */
export interface XmlElement {
  /** The local name: «c» of `<x:c>`, «Предложение» of `<Предложение xmlns="urn:1C.ru:commerceml_2">`. */
  readonly name: string;
  /** An unprefixed attribute. */
  attr(name: string): string | undefined;
  /** An attribute by local name in any namespace (`r:id` of a workbook's sheet): a scan of all of them. */
  anyAttr(name: string): string | undefined;
  /** Child elements, in document order. */
  children(): readonly XmlElement[];
  /** The text directly inside the element (not its children's), as written. */
  text(): string;
}

export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children().filter((c) => c.name === name);
}

export function childNamed(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children().find((c) => c.name === name);
}

/** The trimmed text of the first child of that name; undefined without one. */
export function childText(el: XmlElement, name: string): string | undefined {
  const child = childNamed(el, name);
  return child === undefined ? undefined : child.text().trim();
}

/** The element at the end of a path of child names, taking the first child of each name. */
export function descend(el: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  let at = el;
  for (const name of names) at = childNamed(at, name);
  return at;
}

/**
 * What the core needs of XmlService's Element (the adapter passes XmlService's; tests, the fake's).
 * XmlService's `getChildren(name)` and `getAttribute(name)` find only names in no namespace — an XLSX
 * sheet or a CommerceML file has a default namespace — so children are taken whole and matched by
 * local name.
 */
export interface ElementLike {
  getName(): string;
  getAttribute(name: string): { getValue(): string } | null;
  getAttributes(): { getName(): string; getValue(): string }[];
  getChildren(): ElementLike[];
  getText(): string;
}

/** An element as XmlElement, wrapped lazily: a reader that never looks inside an offer's prices does not pay for them. */
export function wrapElement(el: ElementLike): XmlElement {
  let children: XmlElement[] | undefined;
  return {
    name: el.getName(),
    attr: (name) => el.getAttribute(name)?.getValue(),
    anyAttr: (name) =>
      el
        .getAttributes()
        .find((a) => a.getName() === name)
        ?.getValue(),
    children() {
      if (!children) children = el.getChildren().map(wrapElement);
      return children;
    },
    text: () => el.getText(),
  };
}
