/**
 * Elements made with DOM calls, never parsed from markup: the call button (in the first load,
 * without lit) builds its shadow DOM and icons this way, and under a Trusted Types policy only
 * lit's may parse HTML.
 */

/** A new element `name` (in `namespace`, HTML by default) with `attributes` and `children`. */
export function makeElement(
  name: string,
  attributes: Readonly<Record<string, string>>,
  children: readonly Node[] = [],
  namespace = 'http://www.w3.org/1999/xhtml',
): Element {
  const made = document.createElementNS(namespace, name);
  for (const [attribute, value] of Object.entries(attributes)) made.setAttribute(attribute, value);
  made.append(...children);
  return made;
}
