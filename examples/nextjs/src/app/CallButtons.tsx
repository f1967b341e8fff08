'use client';

import { useEffect } from 'react';
import 'cc-call-elements';
import type {} from 'cc-call-elements/react';
import type { CcEvent } from 'cc-call-elements';

export function CallButtons({ contacts }: { contacts: { uid: string; name: string }[] }) {
  // React 19 does not attach on<event> props to custom elements it hydrates (react/react#35446): listen from an effect.
  useEffect(() => {
    const onCallRequest = (e: CcEvent<'cc-call-request'>) => console.log('calling', e.detail.target.name);
    document.addEventListener('cc-call-request', onCallRequest);
    return () => document.removeEventListener('cc-call-request', onCallRequest);
  }, []);
  return (
    <>
      <ul>
        {contacts.map(({ uid, name }) => (
          <li key={uid}>
            {name} <cc-call-button uid={uid} name={name} call-type="video" />
          </li>
        ))}
      </ul>
      <cc-incoming-call meetings />
    </>
  );
}
