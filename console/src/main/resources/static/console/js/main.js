import { h } from './dom.js';
import { completeSignIn, currentToken, signIn, signOut } from './auth.js';
import { Api, SignInNeeded, describe } from './actions.js';
import { GroupsView, OrdersView, renderCluster, renderDeadLetters, renderMetrics, renderStory } from './views.js';

const $ = (id) => document.getElementById(id);
// Everything is relative to the page (/console/), so the gateway can route the prefix unchanged.
const config = await (await fetch('config.json')).json();
const api = new Api(config.apiBaseUrl);

function result(ok, text) {
  const list = $('results');
  list.prepend(h('li', { class: ok ? 'ok' : 'fail' }, `${new Date().toLocaleTimeString()} ${text}`));
  while (list.children.length > 12) list.lastChild.remove();
}

async function startSignIn() {
  try {
    await signIn(config.signIn);
  } catch (e) {
    result(false, e.message);
  }
}

function showAccount() {
  const token = currentToken();
  $('who').textContent = token ? `signed in (${token.scope || 'no scopes'})` : 'not signed in';
  $('sign-in').hidden = !!token;
  $('sign-out').hidden = !token;
  $('actions-hint').textContent = token
    ? 'These call the gateway\'s API with your token; watch the orders and groups above move.'
    : 'These call the gateway\'s API as you: sign in first (the live views need no sign-in).';
}

const message = await completeSignIn(config.signIn).catch((e) => `sign-in failed: ${e.message}`);
if (message) result(false, message);
showAccount();
$('sign-in').addEventListener('click', startSignIn);
$('sign-out').addEventListener('click', () => { signOut(); showAccount(); });

// Live views
const orders = new OrdersView($('order-list'), $('sampling'), (orderId) => openStory(orderId));
const groups = new GroupsView($('group-list'));
let lastCluster = null;
const stream = new EventSource('stream');
const connection = $('connection');
stream.onopen = () => { connection.dataset.state = 'live'; connection.textContent = 'live'; };
stream.onerror = () => { connection.dataset.state = 'down'; connection.textContent = 'stream interrupted, reconnecting…'; };
stream.addEventListener('orders', (e) => orders.apply(JSON.parse(e.data)));
stream.addEventListener('groups', (e) => groups.apply(JSON.parse(e.data)));
stream.addEventListener('cluster', (e) => {
  const cluster = JSON.parse(e.data);
  renderCluster($('cluster-body'), cluster, lastCluster);
  if (!cluster.error) lastCluster = cluster;
});
stream.addEventListener('metrics', (e) => renderMetrics($('services'), JSON.parse(e.data)));
stream.addEventListener('deadLetters', (e) => renderDeadLetters($('dead-letters'), JSON.parse(e.data)));

// One order's story: fetched when chosen, refreshed while open
let storyOrder = null;
let storyTimer = null;
async function openStory(orderId, focus = true) {
  storyOrder = orderId;
  $('cancel-form').elements.orderId.value = orderId;
  const panel = $('story');
  panel.hidden = false;
  const response = await fetch(`orders/${encodeURIComponent(orderId)}`);
  if (storyOrder !== orderId) return;
  if (response.ok) {
    renderStory($('story-body'), await response.json());
  } else {
    const problem = await response.json().catch(() => ({}));
    $('story-body').replaceChildren(h('p', { class: 'note' }, problem.detail || `not available (${response.status})`));
  }
  if (focus) panel.focus();
  clearTimeout(storyTimer);
  storyTimer = setTimeout(() => storyOrder === orderId && !panel.hidden && openStory(orderId, false), 2000);
}
$('story-close').addEventListener('click', () => {
  $('story').hidden = true;
  clearTimeout(storyTimer);
  const row = document.querySelector(`[data-order-id="${storyOrder}"] button`);
  storyOrder = null;
  row?.focus();
});

// Things to try
async function act(form, run) {
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  try {
    await run(form.elements);
  } catch (e) {
    if (e instanceof SignInNeeded) {
      result(false, `${e.message}: use the Sign in button (focused now)`);
      $('sign-in').focus();
    } else {
      result(false, e.message);
    }
  } finally {
    button.disabled = false;
  }
}

function onSubmit(id, run) {
  const form = $(id);
  form.addEventListener('submit', (event) => { event.preventDefault(); act(form, run); });
}

onSubmit('place-form', async (f) => {
  const r = await api.placeOrder(f.customerId.value, f.sku.value, Number(f.quantity.value));
  if (r.ok) result(true, `POST /api/orders → ${r.status}: order ${r.body?.orderId} ${r.body?.status}`);
  else result(false, `POST /api/orders → ${describe(r)}`);
});
onSubmit('burst-form', async (f) => {
  const count = Number(f.count.value);
  const statuses = await api.burst(count, Number(f.customers.value), f.sku.value);
  const summary = Object.entries(statuses).map(([s, n]) => `${n}× ${s}`).join(', ');
  result(!Object.keys(statuses).some((s) => s >= 400), `burst of ${count} orders over ${f.customers.value} customers → ${summary}`);
});
onSubmit('stock-form', async (f) => {
  const r = await api.setStock(f.sku.value, Number(f.available.value));
  if (r.ok) result(true, `PUT /api/inventory/${f.sku.value} → ${r.status}: ${r.body?.available} available, ${r.body?.reserved} reserved`);
  else result(false, `PUT /api/inventory/${f.sku.value} → ${describe(r)}`);
});
onSubmit('cancel-form', async (f) => {
  const r = await api.cancel(f.orderId.value.trim());
  if (r.ok) result(true, `cancel → ${r.status}: order ${r.body?.orderId} ${r.body?.status}`);
  else result(false, `cancel → ${describe(r)}`);
});
