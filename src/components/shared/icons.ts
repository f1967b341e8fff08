/**
 * The icons of the call buttons, inline so nothing else loads. Decorative: always aria-hidden.
 * The ringing dialog's and the stage's own are in control-icons.ts, out of the first load.
 *
 * Shapes, made with DOM calls, not markup parsed as HTML: the call button (in the first load,
 * without lit) makes its own, and under a Trusted Types policy only lit's may parse HTML.
 * The Lit elements render the same elements (icon-directive.ts).
 */
import type { CallType } from '../../core/types.js';
import { makeElement } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';

/** What every icon's `<svg>` carries: a 24 × 24 box, drawn with the text colour, hidden from assistive technology. */
const ICON_ATTRIBUTES: Readonly<Record<string, string>> = {
  viewBox: '0 0 24 24',
  'aria-hidden': 'true',
  focusable: 'false',
  fill: 'none',
  stroke: 'currentColor',
  'stroke-width': '2',
  'stroke-linecap': 'round',
  'stroke-linejoin': 'round',
};

type Shape = readonly [name: 'path' | 'rect', attributes: Readonly<Record<string, string>>];

const SHAPES: Record<CallType, readonly Shape[]> = {
  audio: [
    [
      'path',
      {
        d: 'M22 16.9v3a2 2 0 0 1-2.2 2 19.8 19.8 0 0 1-8.6-3.1 19.5 19.5 0 0 1-6-6A19.8 19.8 0 0 1 2.1 4.2 2 2 0 0 1 4.1 2h3a2 2 0 0 1 2 1.7c.1 1 .4 1.9.7 2.8a2 2 0 0 1-.5 2.1L8.1 9.9a16 16 0 0 0 6 6l1.3-1.3a2 2 0 0 1 2.1-.4c.9.3 1.8.6 2.8.7a2 2 0 0 1 1.7 2z',
      },
    ],
  ],
  video: [
    ['path', { d: 'm22 8-6 4 6 4V8z' }],
    ['rect', { x: '2', y: '6', width: '14', height: '12', rx: '2' }],
  ],
};

/** A new phone (voice call) or camera (video call) icon. */
export function createCallIcon(type: CallType): SVGSVGElement {
  const shapes = SHAPES[type].map(([name, attributes]) => makeElement(name, attributes, [], SVG));
  return makeElement('svg', ICON_ATTRIBUTES, shapes, SVG) as SVGSVGElement;
}
