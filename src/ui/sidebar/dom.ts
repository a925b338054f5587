/**
 * A tiny DOM builder. Text only ever goes in through textContent and attributes through
 * setAttribute: no innerHTML anywhere, and no inline event handler attributes.
 */
export type Attrs = Record<string, string | number | boolean | undefined | null>;
export type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  children: readonly Child[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (/^on/i.test(name)) throw new Error(`No inline event handlers: ${name}`);
    if (name === 'text') node.textContent = String(value);
    else if (name === 'class') node.className = String(value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Replaces everything inside `parent`. */
export function replaceChildren(parent: Node, children: readonly Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, children);
}

/** Adds or removes one id in a space-separated id list attribute (aria-describedby). */
export function toggleIdRef(node: Element, attribute: string, id: string, on: boolean): void {
  const ids = (node.getAttribute(attribute) ?? '').split(/\s+/).filter((x) => x && x !== id);
  if (on) ids.unshift(id);
  if (ids.length > 0) node.setAttribute(attribute, ids.join(' '));
  else node.removeAttribute(attribute);
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
