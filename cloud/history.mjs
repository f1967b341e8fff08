/**
 * The local cloud's history endpoints: what the real chat SDK 4.2.0 sends to read what the cloud
 * stored, answered from the messages and groups of one cloud, in CometChat's response shape as
 * the SDK parses it (`{ data: [...], meta: { pagination, cursor } }`).
 *
 *   GET groups?per_page=20&hasJoined=1&page=1      GroupsRequest.fetchNext() with joinedOnly(true)
 *   GET groups/{guid}/messages?per_page=10&affix=prepend&categories=…&types=…
 *                                                  MessagesRequest.fetchPrevious() with setGUID()
 *   GET users/{uid}/messages?…                     the same with setUID()
 *
 * As on CometChat, only a group's members may read its messages, and a page of messages is the
 * newest `per_page` before the cursor, oldest first.
 */

const ok = (data, meta) => ({ status: 200, body: meta ? { data, meta } : { data } });
const error = (status, code, message) => ({ status, body: { error: { code, message } } });

/** `a,b` or `a` (how the SDK sends a list), or an array from repeated keys: a list, or undefined. */
function list(value) {
  if (value === undefined || value === null || value === '') return undefined;
  return String(value)
    .split(',')
    .map((item) => decodeURIComponent(item.trim()))
    .filter(Boolean);
}

function pagination(total, perPage, page) {
  return {
    total,
    count: Math.max(0, Math.min(perPage, total - (page - 1) * perPage)),
    per_page: perPage,
    current_page: page,
    total_pages: Math.max(1, Math.ceil(total / perPage)),
  };
}

/**
 * @param {{ groups: Map<string, { guid: string, name: string, type?: string, members: string[] }>, messages: any[],
 *   groupEntity: (guid: string) => object }} cloud the cloud's own state (read, never written)
 * @returns {(record: { method: string, path: string, query: Record<string, string>, uid: string | null }) => { status: number, body: any } | null}
 */
export function createHistory({ groups, messages, groupEntity }) {
  /** `GET groups`: the groups the user may see, joined ones only with `hasJoined=1`, a page at a time. */
  function groupList(record) {
    const q = record.query;
    const perPage = Math.max(1, Math.min(100, Number(q.per_page) || 30));
    const page = Math.max(1, Number(q.page) || 1);
    let all = [...groups.values()];
    if (q.hasJoined === '1' || q.hasJoined === 'true') all = all.filter((g) => g.members.includes(record.uid));
    const slice = all.slice((page - 1) * perPage, page * perPage);
    const data = slice.map((g) => ({
      ...groupEntity(g.guid),
      hasJoined: g.members.includes(record.uid),
      ...(g.members.includes(record.uid) ? { scope: 'participant' } : {}),
    }));
    return ok(data, { pagination: pagination(all.length, perPage, page) });
  }

  /** `GET groups/{guid}/messages` and `GET users/{uid}/messages`: the newest page before the cursor, oldest first. */
  function conversation(record, kind, id) {
    const q = record.query;
    if (kind === 'group') {
      const group = groups.get(id);
      if (!group) return error(404, 'ERR_GUID_NOT_FOUND', `No group ${id}.`);
      if (!group.members.includes(record.uid)) return error(403, 'ERR_GROUP_NOT_JOINED', `${record.uid} is not a member of ${id}.`);
    }
    let found = messages.filter((msg) =>
      kind === 'group'
        ? msg.receiverType === 'group' && msg.receiver === id
        : msg.receiverType === 'user' &&
          ((msg.sender === id && msg.receiver === record.uid) || (msg.sender === record.uid && msg.receiver === id)),
    );
    const categories = list(q.categories ?? q.category);
    if (categories) found = found.filter((msg) => categories.includes(msg.category));
    const types = list(q.types ?? q.type);
    if (types) found = found.filter((msg) => types.includes(msg.type));
    if (q.id && q.affix === 'prepend') found = found.filter((msg) => Number(msg.id) < Number(q.id));
    if (q.id && q.affix === 'append') found = found.filter((msg) => Number(msg.id) > Number(q.id));
    const perPage = Math.max(1, Math.min(100, Number(q.per_page ?? q.limit) || 30));
    const page = q.affix === 'append' ? found.slice(0, perPage) : found.slice(-perPage);
    const edge = q.affix === 'append' ? page.at(-1) : page[0];
    const meta = {
      pagination: pagination(page.length, perPage, 1),
      ...(edge ? { cursor: { affix: q.affix ?? 'prepend', id: String(edge.id), sentAt: edge.sentAt } } : {}),
    };
    return ok(page, meta);
  }

  return function handleHistory(record) {
    if (record.method !== 'GET') return null;
    const m = record.path.match(/^(groups|users)\/([^/]+)\/messages$/);
    if (record.path !== 'groups' && !m) return null;
    if (!record.uid) return error(401, 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND', 'The auth token is missing or unknown.');
    if (!m) return groupList(record);
    return conversation(record, m[1] === 'groups' ? 'group' : 'user', decodeURIComponent(m[2]));
  };
}
