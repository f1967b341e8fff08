/**
 * The page's config block (`<script type="application/json" data-cc-calls-config>`, read by
 * declarative.ts): found with one query, so the script-tag bundle can say "Connecting…" from the
 * first paint while the code that reads the block is still loading.
 */
export const CONFIG_SELECTOR = 'script[type="application/json"][data-cc-calls-config]';
/** Set on the block once applied, so two copies of the bundle apply it once. */
export const APPLIED = 'data-cc-calls-applied';

/** The page's config blocks, or none once any copy of the bundle has applied one. */
export function unappliedBlocks(root: ParentNode = document): Element[] {
  const blocks = [...root.querySelectorAll(CONFIG_SELECTOR)];
  return blocks.some((block) => block.hasAttribute(APPLIED)) ? [] : blocks;
}

/** Whether the page has a config block that no copy of the bundle has applied yet. */
export function hasUnappliedBlock(root: ParentNode = document): boolean {
  return unappliedBlocks(root).length > 0;
}
