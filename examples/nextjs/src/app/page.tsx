// The example app, rendered on the server for each request: a contact list with call buttons.
// Open it twice, as ?uid=alice and ?uid=bob, in tabs of the same browser, and call.
import { CallButtons } from './CallButtons';
import { Calls } from './Calls';

const users = [
  { uid: 'alice', name: 'Alice Adams' },
  { uid: 'bob', name: 'Bob Brown' },
  { uid: 'carol', name: 'Carol Chen' },
];

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { uid } = await searchParams;
  const me = users.find((u) => u.uid === uid) ?? users[0];
  return (
    <main>
      <h1>Signed in as {me.name}</h1>
      <CallButtons contacts={users.filter((u) => u !== me)} />
      <Calls />
    </main>
  );
}
