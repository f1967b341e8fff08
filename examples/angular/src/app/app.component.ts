import { Component } from '@angular/core';
import { CallButtonsComponent } from './call-buttons.component';
import { contacts, me } from './session';

@Component({
  selector: 'app-root',
  imports: [CallButtonsComponent],
  template: `
    <h1>Signed in as {{ me.name }}</h1>
    <app-call-buttons [contacts]="contacts" />
  `,
})
export class AppComponent {
  me = me;
  contacts = contacts;
}
