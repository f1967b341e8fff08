import 'cc-call-elements';
import type {} from 'cc-call-elements/react';

export function CallButtons({ contacts }: { contacts: { uid: string; name: string }[] }) {
  return (
    <>
      <ul>
        {contacts.map(({ uid, name }) => (
          <li key={uid}>
            {name} <cc-call-button uid={uid} name={name} call-type="video" oncc-call-request={(e) => console.log('calling', e.detail.target.name)} />
          </li>
        ))}
      </ul>
      <cc-incoming-call meetings />
    </>
  );
}
