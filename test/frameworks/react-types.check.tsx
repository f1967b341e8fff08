/**
 * Compiled by `npm run typecheck` (test/frameworks/tsconfig.json), never run: what
 * `cc-call-elements/react` allows on each tag, and, with `@ts-expect-error`, what it rejects.
 * An expected error that stops happening fails the check, so the types cannot quietly decay
 * to `any`.
 *
 * TypeScript never rejects an undeclared JSX attribute whose name has a dash (`data-x`,
 * `oncc-typo`): a misspelt event name is caught by the README snippet test, not here.
 */
import 'cc-call-elements';
import type {} from 'cc-call-elements/react';
import { useRef } from 'react';
import type { CcCallButton, CcEvent, MeetingInfo } from 'cc-call-elements';

declare const message: unknown;

export function Everything() {
  const button = useRef<CcCallButton>(null);
  return (
    <div>
      <cc-call-button
        ref={button}
        key="b"
        id="call"
        className="primary"
        slot="actions"
        hidden={false}
        aria-label="Call Bob"
        uid="bob"
        call-type="audio"
        name="Bob"
        label="Call"
        strings={{}}
        oncc-call-request={(e) => {
          const kind: 'direct' | 'meeting' = e.detail.kind;
          if (kind === 'meeting') e.preventDefault();
        }}
        oncc-error={(e: CcEvent<'cc-error'>) => console.warn(e.detail.code)}
        onClick={() => button.current?.focus()}
      />
      <cc-call-button guid="team" ring callType="video" />
      <cc-incoming-call meetings ringtone="/ring.mp3" oncc-meeting-join-request={(e) => console.log(e.detail.meeting.guid)} />
      <cc-meeting-card message={message} oncc-meeting-join-request={(e) => ((m: MeetingInfo) => m)(e.detail.meeting)} />
      <cc-meeting-card guid="team" session-id="s1" call-type="video" sender-name="Ann" group-name="Team" sent-at="1700000000" />
      <cc-meeting-card guid="team" sent-at={1700000000} sentAt={1700000000} />
      <cc-call-stage mode="inline" style={{ height: 480 }} />
    </div>
  );
}

export function Rejected() {
  return (
    <>
      {/* @ts-expect-error: an unknown tag */}
      <cc-call-buton uid="bob" />
      {/* @ts-expect-error: call-type is 'audio' | 'video' */}
      <cc-call-button uid="bob" call-type="vide" />
      {/* @ts-expect-error: ring is a boolean property */}
      <cc-call-button guid="team" ring="yes" />
      {/* @ts-expect-error: message is a property of <cc-meeting-card>, not of the button */}
      <cc-call-button uid="bob" message={{}} />
      {/* @ts-expect-error: the request's detail has no meeting */}
      <cc-call-button uid="bob" oncc-call-request={(e) => e.detail.meeting} />
      {/* @ts-expect-error: a handler for another event's detail */}
      <cc-incoming-call oncc-meeting-join-request={(e: CcEvent<'cc-call-request'>) => e.detail.target} />
      {/* @ts-expect-error: mode is 'overlay' | 'inline' */}
      <cc-call-stage mode="modal" />
      {/* @ts-expect-error: sent-at is a number */}
      <cc-meeting-card sent-at="yesterday" />
    </>
  );
}
