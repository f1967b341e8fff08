import 'cc-call-elements';
import type {} from 'cc-call-elements/react';

export function CallBob() {
  return (
    <>
      <cc-call-button uid="bob" call-type="video" oncc-call-request={(e) => console.log(e.detail.target)} />
      <cc-incoming-call meetings />
    </>
  );
}
