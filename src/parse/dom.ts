import type { AnyNode, Element } from 'domhandler';

/** Small helpers over domhandler nodes shared by the content extractor's modules. */

export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

/** class and id together: boilerplate/content names are matched against both. */
export function attrText(el: Element): string {
  const cls = el.attribs.class ?? '';
  const id = el.attribs.id ?? '';
  return cls && id ? `${cls} ${id}` : cls || id;
}
