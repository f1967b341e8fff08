import { Component, CUSTOM_ELEMENTS_SCHEMA, input } from '@angular/core';
import 'cc-call-elements';
import type { CcEvent } from 'cc-call-elements';

@Component({
  selector: 'app-call-buttons',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <ul>
      @for (contact of contacts(); track contact.uid) {
        <li>
          {{ contact.name }}
          <cc-call-button [uid]="contact.uid" [name]="contact.name" call-type="video" (cc-call-request)="onCallRequest($event)"></cc-call-button>
        </li>
      }
    </ul>
    <cc-incoming-call meetings></cc-incoming-call>
  `,
})
export class CallButtonsComponent {
  contacts = input.required<{ uid: string; name: string }[]>();

  // With strictTemplates, Angular types $event from the event map the library declares.
  onCallRequest(e: CcEvent<'cc-call-request'>) {
    console.log('calling', e.detail.target.name);
  }
}
