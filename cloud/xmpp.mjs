/**
 * A minimal XMPP-over-WebSocket server (RFC 7395 framing) for the calls SDK 4.2.6, whose Jitsi
 * library connects to `wss://xmpp.{WEBRTC_HOST}/xmpp-websocket`: anonymous SASL, resource
 * binding, Jitsi's conference IQ answered `ready="true"`, and multi-user-chat presence relayed
 * between the participants of one room, so each calls SDK sees the others join and leave.
 * There is no focus and no media bridge: no Jingle, no media between pages.
 *
 * Stanzas are handled as text (one stanza per WebSocket message, as RFC 7395 says): the SDK's
 * stanzas are simple, and this keeps the cloud dependency-free.
 */

const FRAMING = 'urn:ietf:params:xml:ns:xmpp-framing';

/** @param {string} xml */
function rootOf(xml) {
  const open = xml.match(/^\s*<([\w:-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/);
  if (!open) return null;
  const attrs = {};
  for (const [, name, dq, sq] of open[2].matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[name] = dq ?? sq;
  const selfClosing = open[3] === '/';
  const inner = selfClosing ? '' : xml.slice(open[0].length, xml.lastIndexOf(`</${open[1]}`));
  return { name: open[1], attrs, inner };
}

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function bare(jid) {
  return String(jid).split('/')[0];
}

/**
 * @param {{ domain: string, log?: (line: string) => void, onUnexpected?: (what: object) => void }} options
 */
export function createXmppServer({ domain, log = () => undefined, onUnexpected = () => undefined }) {
  /** room jid → Map<nick, occupant> */
  const rooms = new Map();
  /** Every connection, for inspection. */
  const connections = new Set();
  /** IQs the server answered generically (namespaces it has no special handling for). */
  const genericIqs = [];
  /** Room joins and leaves, in order: { room, nick, uid, event: 'join' | 'leave', at }. */
  const events = [];
  let sequence = 0;

  function roomOf(name) {
    if (!rooms.has(name)) rooms.set(name, new Map());
    return rooms.get(name);
  }

  /** The presence of `occupant` as the room sends it, from `room/nick`. */
  function occupantPresence(room, occupant, to, { self = false, unavailable = false } = {}) {
    const statuses = self ? '<status code="110"/>' : '';
    const item = `<item affiliation="${occupant.affiliation}" role="${unavailable ? 'none' : occupant.role}" jid="${esc(occupant.jid)}"/>`;
    const type = unavailable ? ' type="unavailable"' : '';
    return (
      `<presence xmlns="jabber:client" from="${esc(room)}/${esc(occupant.nick)}" to="${esc(to)}"${type}>` +
      (unavailable ? '' : occupant.extra) +
      `<x xmlns="http://jabber.org/protocol/muc#user">${item}${statuses}</x></presence>`
    );
  }

  function leave(connection, roomName, { echo = true } = {}) {
    const room = rooms.get(roomName);
    const nick = connection.rooms.get(roomName);
    if (!room || nick === undefined) return;
    const occupant = room.get(nick);
    connection.rooms.delete(roomName);
    room.delete(nick);
    events.push({ room: roomName, nick, uid: connection.ctx.uid, event: 'leave', at: Date.now() });
    log(`xmpp: ${connection.ctx.uid} left ${roomName}`);
    for (const other of room.values())
      other.connection.send(occupantPresence(roomName, occupant, other.connection.jid, { unavailable: true }));
    if (echo && occupant) connection.send(occupantPresence(roomName, occupant, connection.jid, { self: true, unavailable: true }));
    if (room.size === 0) rooms.delete(roomName);
  }

  function onPresence(connection, stanza) {
    const to = stanza.attrs.to;
    if (!to || !to.includes('/')) return; // initial presence to the server: nothing to do
    const roomName = bare(to);
    const nick = to.slice(roomName.length + 1);
    if (stanza.attrs.type === 'unavailable') return leave(connection, roomName);
    // What the participant says about itself (display name, audio/video muted, …), without the join element.
    const extra = stanza.inner.replace(/<x\s+xmlns="http:\/\/jabber\.org\/protocol\/muc"\s*(?:\/>|>[\s\S]*?<\/x>)/, '');
    const room = roomOf(roomName);
    const existing = room.get(nick);
    if (existing) {
      existing.extra = extra;
      for (const other of room.values())
        other.connection.send(occupantPresence(roomName, existing, other.connection.jid, { self: other === existing }));
      return;
    }
    const occupant = { nick, jid: connection.jid, connection, extra, affiliation: room.size === 0 ? 'owner' : 'member', role: 'moderator' };
    // The joiner first learns who is there, then everyone learns of the joiner, the joiner last (status 110).
    for (const other of room.values()) connection.send(occupantPresence(roomName, other, connection.jid));
    for (const other of room.values()) other.connection.send(occupantPresence(roomName, occupant, other.connection.jid));
    room.set(nick, occupant);
    connection.rooms.set(roomName, nick);
    events.push({ room: roomName, nick, uid: connection.ctx.uid, event: 'join', at: Date.now() });
    log(`xmpp: ${connection.ctx.uid} joined ${roomName} (${room.size} in it)`);
    connection.send(occupantPresence(roomName, occupant, connection.jid, { self: true }));
  }

  function onMessage(connection, stanza, raw) {
    const to = stanza.attrs.to;
    if (!to) return;
    const roomName = bare(to);
    const room = rooms.get(roomName);
    const nick = connection.rooms.get(roomName);
    if (!room || nick === undefined) return;
    const from = `${roomName}/${nick}`;
    const body = raw.replace(/^\s*<message\b[^>]*>/, '').replace(/<\/message>\s*$/, '');
    const type = stanza.attrs.type ?? 'normal';
    const targets = to.includes('/') ? [room.get(to.slice(roomName.length + 1))].filter(Boolean) : [...room.values()];
    for (const target of targets) {
      target.connection.send(
        `<message xmlns="jabber:client" from="${esc(from)}" to="${esc(target.connection.jid)}" type="${esc(type)}">${body}</message>`,
      );
    }
  }

  function onIq(connection, stanza) {
    const { id, type, to } = stanza.attrs;
    if (type === 'result' || type === 'error') return;
    const result = (content = '') =>
      connection.send(
        `<iq xmlns="jabber:client" type="result" id="${esc(id)}" from="${esc(to ?? domain)}" to="${esc(connection.jid ?? '')}">${content}</iq>`,
      );
    const inner = stanza.inner;
    if (inner.includes('urn:ietf:params:xml:ns:xmpp-bind')) {
      connection.jid = `${connection.node}@${domain}/${Math.random().toString(36).slice(2, 10)}`;
      return result(`<bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><jid>${esc(connection.jid)}</jid></bind>`);
    }
    if (inner.includes('urn:ietf:params:xml:ns:xmpp-session')) return result();
    if (inner.includes('http://jitsi.org/protocol/focus')) {
      const conference = rootOf(inner.trim());
      const room = conference?.attrs.room ?? '';
      return result(
        `<conference xmlns="http://jitsi.org/protocol/focus" ready="true" room="${esc(room)}" focusjid="focus@auth.${esc(domain)}/focus"/>`,
      );
    }
    if (inner.includes('http://jabber.org/protocol/disco#info')) {
      return result(
        '<query xmlns="http://jabber.org/protocol/disco#info">' +
          '<identity category="server" type="im" name="local-cloud"/>' +
          '<feature var="http://jabber.org/protocol/disco#info"/><feature var="urn:xmpp:ping"/>' +
          '</query>',
      );
    }
    if (inner.includes('urn:xmpp:ping')) return result();
    genericIqs.push({ uid: connection.ctx.uid, to, type, inner: inner.slice(0, 300) });
    return result();
  }

  return {
    domain,
    rooms,
    events,
    genericIqs,
    connections,

    /** Uids in a room now (room names are lower-cased by the SDK; pass the session id). */
    occupants(sessionId) {
      const room = [...rooms.entries()].find(([name]) => name.startsWith(`${String(sessionId).toLowerCase()}@`));
      return room ? [...room[1].values()].map((o) => o.connection.ctx.uid) : [];
    },

    /**
     * Serves one WebSocket.
     * @param {import('playwright-core').WebSocketRoute} ws
     * @param {{ uid: string | null }} ctx
     */
    accept(ws, ctx) {
      const connection = {
        ctx,
        ws,
        node: `guest-${++sequence}`,
        jid: null,
        authed: false,
        rooms: new Map(),
        open: true,
        send(xml) {
          if (this.open) ws.send(xml);
        },
      };
      connections.add(connection);
      ws.onMessage((data) => {
        const raw = String(data);
        const stanza = rootOf(raw);
        if (!stanza) return void onUnexpected({ kind: 'xmpp', uid: ctx.uid, data: raw.slice(0, 300) });
        switch (stanza.name) {
          case 'open': {
            const features = connection.authed
              ? '<bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"/><session xmlns="urn:ietf:params:xml:ns:xmpp-session"><optional/></session>'
              : '<mechanisms xmlns="urn:ietf:params:xml:ns:xmpp-sasl"><mechanism>ANONYMOUS</mechanism></mechanisms>';
            connection.send(`<open xmlns="${FRAMING}" from="${esc(domain)}" id="s${sequence}-${Date.now()}" version="1.0" xml:lang="en"/>`);
            connection.send(`<stream:features xmlns:stream="http://etherx.jabber.org/streams">${features}</stream:features>`);
            return;
          }
          case 'auth':
            connection.authed = true;
            return connection.send('<success xmlns="urn:ietf:params:xml:ns:xmpp-sasl"/>');
          case 'iq':
            return onIq(connection, stanza);
          case 'presence':
            return onPresence(connection, stanza);
          case 'message':
            return onMessage(connection, stanza, raw);
          case 'close':
            connection.send(`<close xmlns="${FRAMING}"/>`);
            return;
          case 'r':
          case 'a':
          case 'enable':
            return; // stream management: not offered, ignored
          default:
            onUnexpected({ kind: 'xmpp', uid: ctx.uid, data: raw.slice(0, 300) });
        }
      });
      ws.onClose(() => {
        connection.open = false;
        for (const room of [...connection.rooms.keys()]) leave(connection, room, { echo: false });
        connections.delete(connection);
      });
    },

    dispose() {
      for (const connection of connections) connection.open = false;
      rooms.clear();
    },
  };
}
