// Opens the console in Debian's Chromium and checks, as a person would, that the live views render and move, that an
// order's story opens from the keyboard, and that sign-in (authorization code + PKCE) leads to an authorised API call.
// The authorization server and the gateway's API are stood in for with page.route: this test is about the page.
// Env: CONSOLE_URL (…/console/), CHROMIUM (default /usr/bin/chromium), SCREENSHOTS (folder).
import { chromium } from 'playwright-core';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const consoleUrl = process.env.CONSOLE_URL;
const screenshots = process.env.SCREENSHOTS || 'screenshots';
mkdirSync(screenshots, { recursive: true });
let passed = 0;
let failed = 0;

async function check(name, run) {
  try {
    await run();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e.message}`);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(20000);
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));

  // Stand-ins for the authorization server (auth.test, from the IT's configuration) and the gateway's API.
  let challenge = null;
  let apiAuthorization = null;
  await page.route('http://auth.test/oauth2/authorize?**', (route) => {
    const url = new URL(route.request().url());
    challenge = url.searchParams.get('code_challenge');
    const ok = url.searchParams.get('client_id') === 'console' && url.searchParams.get('code_challenge_method') === 'S256'
      && url.searchParams.get('response_type') === 'code' && url.searchParams.get('scope').includes('orders.write');
    const back = new URL(consoleUrl);
    back.search = ok ? `code=the-code&state=${url.searchParams.get('state')}` : 'error=invalid_request';
    route.fulfill({ status: 302, headers: { Location: back.toString() } });
  });
  await page.route('http://auth.test/oauth2/token', (route) => {
    const form = new URLSearchParams(route.request().postData());
    const verifier = form.get('code_verifier') || '';
    const matches = createHash('sha256').update(verifier).digest('base64url') === challenge;
    route.fulfill(matches && form.get('code') === 'the-code' && form.get('grant_type') === 'authorization_code'
      ? { status: 200, contentType: 'application/json', headers: { 'Access-Control-Allow-Origin': '*' },
        body: JSON.stringify({ access_token: 'token-for-the-test', token_type: 'Bearer', expires_in: 300,
          scope: 'orders.read orders.write inventory.write' }) }
      : { status: 400, contentType: 'application/json', headers: { 'Access-Control-Allow-Origin': '*' },
        body: JSON.stringify({ error: 'invalid_grant' }) });
  });
  await page.route('**/api/orders', (route) => {
    apiAuthorization = route.request().headers().authorization;
    route.fulfill({ status: 202, contentType: 'application/json',
      body: JSON.stringify({ orderId: '7f1c0000-0000-4000-8000-000000000001', status: 'PENDING' }) });
  });

  await page.goto(consoleUrl);

  await check('the stream connects', async () => {
    await page.waitForSelector('#connection[data-state="live"]');
  });
  await check('the cluster shows order-events with its partitions, leaders and log-end offsets', async () => {
    await page.waitForSelector('table[data-topic="order-events"] tbody tr');
    const rows = await page.locator('table[data-topic="order-events"] tbody tr').count();
    assert(rows === 6, `expected 6 partitions, saw ${rows}`);
    const brokers = await page.locator('#cluster-body table').first().textContent();
    assert(/controller/.test(brokers), 'no controller role shown');
  });
  await check('log-end offsets move as orders flow', async () => {
    const caption = page.locator('table[data-topic="order-events"] caption');
    const before = await caption.textContent();
    await page.waitForFunction((text) => document.querySelector('table[data-topic="order-events"] caption').textContent !== text, before);
  });
  await check('the consumer groups show committed offsets and an owner', async () => {
    await page.waitForSelector('[data-group="inventory-service"] tbody tr[data-partition]');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-group="inventory-service"] td.mono')]
      .some((td) => td.textContent.includes('inventory-service-browser')));
  });
  await check('orders appear with their partition and fill both lanes', async () => {
    await page.waitForSelector('#order-list li.order .lane[data-group="inventory-service"] .step.done');
    await page.waitForSelector('#order-list li.order .lane[data-group="notification-service"] .step.done');
    // New orders come on top (the list keeps the latest 40, so its length stops growing).
    const newest = await page.locator('#order-list li.order').first().getAttribute('data-order-id');
    await page.waitForFunction((id) => document.querySelector('#order-list li.order').dataset.orderId !== id, newest);
    const text = await page.locator('#order-list li.order').first().textContent();
    assert(/order-events p\d@\d+/.test(text), `no partition@offset in "${text}"`);
  });
  await check('the page says how it samples', async () => {
    const text = await page.locator('#sampling').textContent();
    assert(/orders\/s/.test(text) && /samples/.test(text), text);
  });
  await page.screenshot({ path: join(screenshots, 'console-1280x800.png') });

  await check('an order\'s story opens from the keyboard, with its trace id', async () => {
    await page.locator('#order-list li.order button').first().focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('#story:not([hidden]) #story-body table tbody tr');
    const focused = await page.evaluate(() => document.activeElement.id);
    assert(focused === 'story', `focus is on "${focused}", not the story`);
    const text = await page.locator('#story-body').textContent();
    assert(text.includes('4bf92f3577b34da6a3ce929d0e0e4736'), 'no trace id in the story');
    assert(/OrderPlaced/.test(text) && /order-events-\d@\d+/.test(text), 'no OrderPlaced at partition@offset');
  });
  await page.screenshot({ path: join(screenshots, 'console-story.png'), fullPage: true });

  await check('an action before signing in asks to sign in', async () => {
    await page.click('#place-form button[type=submit]');
    await page.waitForSelector('#results li.fail');
    assert(/sign in/i.test(await page.locator('#results li').first().textContent()), 'no sign-in prompt');
    assert(await page.evaluate(() => document.activeElement.id) === 'sign-in', 'the Sign in button is not focused');
  });
  await check('signing in with PKCE, then placing an order sends the bearer token', async () => {
    await page.click('#sign-in');
    await page.waitForSelector('#sign-out:not([hidden])');
    assert(!page.url().includes('code='), 'the code stays in the address bar');
    await page.click('#place-form button[type=submit]');
    await page.waitForSelector('#results li.ok');
    assert(apiAuthorization === 'Bearer token-for-the-test', `API saw ${apiAuthorization}`);
  });

  await check('readable at phone width without sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForSelector('#order-list li.order');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert(width <= 391, `the page is ${width}px wide`);
  });
  await page.screenshot({ path: join(screenshots, 'console-phone.png'), fullPage: true });

  await check('no script error on the page', async () => {
    assert(pageErrors.length === 0, pageErrors.join('; '));
  });
} finally {
  await browser.close();
}
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
