import { h, replace, ms, short, num } from './dom.js';

const SHOWN_ORDERS = 40;
const MOVED_FOR_MS = 15000;

/** The orders list, keyed by orderId so rows (and a focused button) survive updates. */
export class OrdersView {
  constructor(list, samplingNote, onChoose) {
    this.list = list;
    this.samplingNote = samplingNote;
    this.onChoose = onChoose;
    this.orders = new Map();
    this.rows = new Map();
  }

  apply(event) {
    if (event.snapshot) this.orders.clear();
    for (const order of event.orders) this.orders.set(order.orderId, order);
    const newest = [...this.orders.values()].sort((a, b) => (b.placedAt || '').localeCompare(a.placedAt || ''));
    for (const old of newest.slice(SHOWN_ORDERS * 2)) this.orders.delete(old.orderId);
    this.render(newest.slice(0, SHOWN_ORDERS), new Set(event.orders.map((o) => o.orderId)), event.snapshot);
    this.renderSampling(event.stats);
  }

  get(orderId) {
    return this.orders.get(orderId);
  }

  render(shown, changed, snapshot) {
    const keep = new Set(shown.map((o) => o.orderId));
    for (const [id, row] of this.rows) {
      if (!keep.has(id)) { row.li.remove(); this.rows.delete(id); }
    }
    let previous = null;
    for (const order of shown) {
      let row = this.rows.get(order.orderId);
      if (!row) {
        row = this.createRow(order, !snapshot);
        this.rows.set(order.orderId, row);
        if (previous) previous.li.after(row.li); else this.list.prepend(row.li);
      }
      if (changed.has(order.orderId) || !row.rendered) this.fill(row, order);
      previous = row;
    }
  }

  createRow(order, fresh) {
    const button = h('button', { type: 'button', class: 'link mono', onclick: () => this.onChoose(order.orderId) });
    const meta = h('div', { class: 'order-meta' });
    const lanes = h('div', { class: 'lanes' });
    const li = h('li', { class: fresh ? 'order fresh' : 'order', 'data-order-id': order.orderId },
      h('div', {}, button, meta), lanes);
    return { li, button, meta, lanes, rendered: false };
  }

  fill(row, order) {
    row.rendered = true;
    row.button.textContent = short(order.orderId);
    row.button.setAttribute('aria-label', `Order ${order.orderId}, ${order.status}: show its story`);
    replace(row.meta,
      h('span', { class: `badge ${order.status}` }, order.status), ' ',
      `${order.customerId || ''} · key → order-events p${order.partition}@${order.placedOffset}`,
      order.deadLetters ? h('span', { class: 'tag warn' }, `${order.deadLetters} dead letter(s)`) : null);
    replace(row.lanes, Object.entries(order.lanes).map(([group, entries]) => h('div', { class: 'lane', 'data-group': group },
      h('span', { class: 'lane-name' }, group),
      entries.length === 0 ? h('span', { class: 'step note' }, 'nothing for it yet')
        : entries.map((e) => h('span', {
          class: `step mono ${e.handledAfterMs === null ? 'waiting' : 'done'}`,
          'data-position': `${e.topic}-${e.partition}@${e.offset}`,
        }, `${e.eventType} p${e.partition}@${e.offset} `,
        e.handledAfterMs === null ? 'waiting' : `+${ms(e.handledAfterMs)}`)))));
  }

  renderSampling(stats) {
    if (!stats) return;
    const following = stats.sampleDivisor === 1 ? 'every order'
      : `1 in ${stats.sampleDivisor} orders (chosen by order id, so each one shown is complete)`;
    replace(this.samplingNote,
      `${num(stats.newOrdersPerSecond)} new orders/s; showing ${following}. `,
      `Above ${stats.maxNewOrdersPerSecond} orders/s the page samples; at most ${stats.maxUpdatesPerPush} updates every `,
      `${stats.publishIntervalMs} ms`, stats.heldBack ? ` (${num(stats.heldBack)} held for the next)` : '', '. ',
      `Seen since the console started: ${num(stats.ordersSeen)} orders, ${num(stats.recordsSeen)} records.`);
  }
}

export function renderCluster(el, cluster, previous) {
  if (cluster.error) {
    replace(el, h('p', {}, h('span', { class: 'tag warn' }, 'Kafka does not answer'), ' ', cluster.error));
    return;
  }
  const q = cluster.controller;
  const voters = new Set((q?.voters || []).map((v) => v.id));
  const brokers = h('table', {},
    h('caption', {}, `Brokers (cluster ${cluster.clusterId || '?'})`),
    h('thead', {}, h('tr', {}, h('th', {}, 'id'), h('th', {}, 'address'), h('th', {}, 'KRaft role'))),
    h('tbody', {}, cluster.brokers.map((b) => h('tr', {},
      h('td', {}, b.id), h('td', { class: 'mono' }, `${b.host}:${b.port}`),
      h('td', {}, q && q.leaderId === b.id ? 'active controller' : voters.has(b.id) ? 'controller (voter)' : 'broker')))));
  const quorum = !q ? null : q.error
    ? h('p', { class: 'note' }, `Controller quorum not described: ${q.error}`)
    : h('p', { class: 'note' }, `KRaft controller: leader ${q.leaderId}, epoch ${q.leaderEpoch}, metadata high watermark ${num(q.highWatermark)}; voters `,
      q.voters.map((v) => `${v.id} (log end ${num(v.logEndOffset)}${v.lastCaughtUpAgoMs === null ? '' : `, caught up ${ms(v.lastCaughtUpAgoMs)} ago`})`).join(', '), '.');
  const before = new Map();
  for (const t of previous?.topics || []) for (const p of t.partitions) before.set(`${t.name}-${p.partition}`, p.logEndOffset);
  const topics = cluster.topics.map((t) => h('div', { class: 'scroll' }, h('table', { 'data-topic': t.name },
    h('caption', {}, `${t.name}: ${num(t.logEndOffset)} written, ${num(t.records)} held`),
    h('thead', {}, h('tr', {}, h('th', {}, 'partition'), h('th', {}, 'leader'), h('th', {}, 'replicas'), h('th', {}, 'in sync'),
      h('th', { class: 'num' }, 'log end'))),
    h('tbody', {}, t.partitions.map((p) => {
      const delta = p.logEndOffset - (before.get(`${t.name}-${p.partition}`) ?? p.logEndOffset);
      return h('tr', {},
        h('td', {}, p.partition), h('td', {}, p.leader ?? h('span', { class: 'tag warn' }, 'none')),
        h('td', {}, p.replicas.join(', ')),
        h('td', {}, p.isr.join(', '), p.isr.length < p.replicas.length ? h('span', { class: 'tag warn' }, 'under-replicated') : null),
        h('td', { class: 'num' }, num(p.logEndOffset), delta > 0 ? h('span', { class: 'delta' }, ` +${delta}`) : null));
    })))));
  replace(el, h('div', { class: 'scroll' }, brokers), quorum,
    topics.length ? topics : h('p', { class: 'note' }, 'None of the topics exists yet: the services create them at start.'));
}

/** Consumer groups; remembers each partition's owner so that a move shows for a while. */
export class GroupsView {
  constructor(el) {
    this.el = el;
    this.owners = new Map();
    this.moved = new Map();
  }

  apply(event) {
    const now = Date.now();
    replace(this.el, event.groups.map((g) => {
      const rows = g.partitions.map((r) => {
        const key = `${g.groupId}/${r.topic}-${r.partition}`;
        const owner = r.owner ? `${r.owner.clientId}@${r.owner.host}` : null;
        if (this.owners.has(key) && this.owners.get(key) !== owner) this.moved.set(key, { at: now, from: this.owners.get(key) });
        this.owners.set(key, owner);
        const move = this.moved.get(key);
        const recent = move && now - move.at < MOVED_FOR_MS;
        return h('tr', { 'data-partition': `${r.topic}-${r.partition}` },
          h('td', { class: 'mono' }, `${r.topic} p${r.partition}`),
          h('td', { class: 'num' }, r.committed === null ? '–' : num(r.committed)),
          h('td', { class: 'num' }, num(r.logEndOffset)),
          h('td', { class: 'num' }, num(r.lag), r.lag > 0 ? h('span', { class: 'tag' }, 'behind') : null),
          h('td', { class: 'mono' }, owner || h('span', { class: 'note' }, 'no owner'),
            recent ? h('span', { class: 'tag moved' }, `moved from ${move.from || 'no owner'}`) : null));
      });
      return h('div', { class: 'scroll', 'data-group': g.groupId }, h('table', {},
        h('caption', {}, `${g.groupId}: ${g.state}, ${g.members.length} member(s), lag ${num(g.totalLag)}`),
        h('thead', {}, h('tr', {}, h('th', {}, 'partition'), h('th', { class: 'num' }, 'committed'),
          h('th', { class: 'num' }, 'log end'), h('th', { class: 'num' }, 'lag'), h('th', {}, 'owner'))),
        h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: 5, class: 'note' }, 'No offsets and no members yet.')))));
    }));
  }
}

export function renderMetrics(el, event) {
  replace(el, h('div', { class: 'services' }, event.services.map((s) => h('div', { class: 'service', 'data-service': s.service },
    h('strong', {}, s.service), ' ', h('span', { class: s.answered > 0 ? 'up' : 'down' }),
    s.answered > 0 ? null : h('div', { class: 'note' }, s.error || ''),
    h('dl', {},
      h('dt', {}, 'duplicates absorbed'), h('dd', {}, num(s.duplicates)),
      h('dt', {}, 'out-of-order events'), h('dd', {}, num(s.outOfOrder)),
      h('dt', {}, 'dead-lettered'), h('dd', {}, num(s.deadLettered)),
      h('dt', {}, 'outbox backlog'), h('dd', {}, num(s.outboxBacklog)),
      h('dt', {}, 'oldest outbox row'), h('dd', {}, s.outboxOldestAgeSeconds === null ? '–' : `${num(s.outboxOldestAgeSeconds)} s`))))),
  h('p', { class: 'note' }, '– : not exposed by that service, or nothing counted yet.'));
}

export function renderDeadLetters(el, event) {
  if (!event.latest.length) { replace(el, h('p', { class: 'note' }, 'None seen.')); return; }
  replace(el, h('div', { class: 'scroll' }, h('table', {},
    h('thead', {}, h('tr', {}, h('th', {}, 'record'), h('th', {}, 'event'), h('th', {}, 'key'), h('th', {}, 'failure'))),
    h('tbody', {}, event.latest.map((d) => h('tr', {},
      h('td', { class: 'mono' }, `${d.topic}-${d.partition}@${d.offset}`),
      h('td', {}, d.eventType || '?'), h('td', { class: 'mono' }, short(d.key)),
      h('td', { style: 'white-space: normal' }, d.failure || '')))))));
}

export function renderStory(el, story) {
  const placed = Date.parse(story.placedAt);
  replace(el,
    h('p', {}, h('span', { class: `badge ${story.status}` }, story.status), ' ',
      h('span', { class: 'mono' }, story.orderId), ` · ${story.customerId || ''}`),
    h('p', {}, 'Trace: ', story.traceId
      ? (story.traceUrl ? h('a', { href: story.traceUrl, target: '_blank', rel: 'noopener' }, story.traceId) : h('span', { class: 'mono' }, story.traceId))
      : h('span', { class: 'note' }, 'no traceparent header')),
    h('div', { class: 'scroll' }, h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, 'after'), h('th', {}, 'event'), h('th', {}, 'seq'), h('th', {}, 'record'),
        h('th', {}, 'handled by'))),
      h('tbody', {}, story.entries.map((e) => h('tr', {},
        h('td', { class: 'num' }, `+${ms(Math.max(0, Date.parse(e.at) - placed))}`),
        h('td', {}, e.eventType || '?', e.deadLetter ? h('span', { class: 'tag warn' }, 'dead letter') : null,
          e.detail ? h('div', { class: 'note', style: 'white-space: normal' }, e.detail) : null),
        h('td', { class: 'num' }, e.sequence || '–'),
        h('td', { class: 'mono' }, `${e.topic}-${e.partition}@${e.offset}`),
        h('td', {}, Object.entries(e.handledAfterMs).map(([group, after]) => h('span', {
          class: `step ${after === null ? 'waiting' : 'done'}` }, `${group} ${after === null ? 'not yet' : `+${ms(after)}`}`)))))))));
}
