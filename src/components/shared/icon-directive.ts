import { Directive, directive } from 'lit/directive.js';
import type { CallType } from '../../core/types.js';
import { createCallIcon } from './icons.js';

/** A call icon in a Lit template: made once for the place it is shown, and again only when its type changes. */
class CallIconDirective extends Directive {
  #type: CallType | null = null;
  #icon: SVGSVGElement | null = null;

  render(type: CallType): SVGSVGElement {
    if (!this.#icon || type !== this.#type) {
      this.#type = type;
      this.#icon = createCallIcon(type);
    }
    return this.#icon;
  }
}

/** `${callIcon('audio')}`: the phone icon; `${callIcon('video')}`: the camera. */
export const callIcon = directive(CallIconDirective);
