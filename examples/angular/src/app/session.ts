const users = [
  { uid: 'alice', name: 'Alice Adams' },
  { uid: 'bob', name: 'Bob Brown' },
  { uid: 'carol', name: 'Carol Chen' },
];
const params = new URLSearchParams(location.search);

/** Who this page is signed in as (?uid=alice), and whom it can call. */
export const me = users.find((u) => u.uid === params.get('uid')) ?? users[0];
export const contacts = users.filter((u) => u !== me);
export { params };
