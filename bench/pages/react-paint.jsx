// The reference for first render: plain React 19 rendering the same DOM and CSS as one
// <cc-call-button> (copied from a live one), in light DOM, n times.
import { createElement, Fragment } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';

const ATTRIBUTE_NAMES = { class: 'className', for: 'htmlFor', tabindex: 'tabIndex', 'stroke-width': 'strokeWidth', 'stroke-linecap': 'strokeLinecap', 'stroke-linejoin': 'strokeLinejoin', 'fill-rule': 'fillRule', 'clip-rule': 'clipRule', viewbox: 'viewBox' };

/**
 * A DOM tree as a React element tree, made once; every button renders it. Light DOM has no slots: a
 * slot with attributes of its own (the label part, which the styles give a box) becomes a span
 * with them, a bare one just its fallback content.
 */
function toReact(node, key) {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent;
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  const children = [...node.childNodes].map((child, i) => toReact(child, i));
  if (node.localName === 'slot' && !node.attributes.length) return createElement(Fragment, { key }, ...children);
  const props = { key };
  for (const { name, value } of node.attributes) props[ATTRIBUTE_NAMES[name] ?? name] = value;
  return createElement(node.localName === 'slot' ? 'span' : node.localName, props, ...children);
}

window.setup = ({ html, css }) => {
  const style = document.createElement('style');
  style.textContent = css.replaceAll(':host', '.cc-host');
  document.head.append(style);
  const template = document.createElement('template');
  template.innerHTML = html;
  const parts = [...template.content.childNodes].map((child, i) => toReact(child, i));
  const Button = () => createElement('span', { className: 'cc-host' }, ...parts);
  window.paintButtons = async (n) => {
    const host = document.createElement('main');
    document.body.append(host);
    const t0 = performance.now();
    const root = createRoot(host);
    flushSync(() => root.render(createElement('div', null, Array.from({ length: n }, (_, i) => createElement(Button, { key: i })))));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
    return performance.now() - t0;
  };
};
