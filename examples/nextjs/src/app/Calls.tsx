'use client';

import { useEffect } from 'react';

/** Configures calling in the browser once the page has hydrated (the server never runs calls.ts). */
export function Calls() {
  useEffect(() => {
    import('./calls').catch((error: unknown) => console.error(error));
  }, []);
  return null;
}
