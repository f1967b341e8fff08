/** The focused element, looking inside shadow roots (the control that opened a dialog is often in one). */
export function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

/**
 * Where focus goes back once an answered call is over. After Accept the ringing dialog closes as
 * the stage opens, so the stage would only see the dialog's own button (or nothing) as what had
 * focus before; the dialog hands over what it saw instead. One page-wide slot: one call rings at a time.
 */
let handedOver: HTMLElement | null = null;

/** The ringing dialog: `element` had focus before it rang (null withdraws an earlier hand-over). */
export function handOverReturnFocus(element: HTMLElement | null): void {
  handedOver = element;
}

/** The stage, as it opens: what the ringing dialog handed over, if anything, once. */
export function takeReturnFocus(): HTMLElement | null {
  const element = handedOver;
  handedOver = null;
  return element;
}
