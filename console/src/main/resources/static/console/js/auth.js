// OAuth 2.1 authorization code with PKCE for the public client `console`: no secret here, the token stays in this
// tab (sessionStorage) and goes only to the API as a bearer token.
const PENDING = 'orderflow.console.pkce';
const TOKEN = 'orderflow.console.token';

function base64url(bytes) {
  let text = '';
  for (const b of new Uint8Array(bytes)) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function random(bytes) {
  const buffer = new Uint8Array(bytes);
  crypto.getRandomValues(buffer);
  return base64url(buffer);
}

export async function challengeOf(verifier) {
  return base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
}

export async function signIn(signInConfig) {
  if (!window.isSecureContext || !crypto.subtle) {
    throw new Error('signing in needs https or localhost (the browser offers PKCE hashing only there)');
  }
  const verifier = random(48);
  const state = random(16);
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state }));
  const url = new URL(signInConfig.authorizationEndpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: signInConfig.clientId,
    redirect_uri: signInConfig.redirectUri,
    scope: signInConfig.scopes,
    state,
    code_challenge: await challengeOf(verifier),
    code_challenge_method: 'S256',
  }).toString();
  window.location.assign(url.toString());
}

/** On the way back from the authorization server: trades the code for a token. Returns a message or null. */
export async function completeSignIn(signInConfig) {
  const params = new URLSearchParams(window.location.search);
  if (!params.has('code') && !params.has('error')) return null;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  window.history.replaceState(null, '', window.location.pathname);
  if (params.has('error')) return `sign-in refused: ${params.get('error')} ${params.get('error_description') || ''}`;
  if (!pending || pending.state !== params.get('state')) return 'sign-in ignored: its state does not match this tab';
  const response = await fetch(signInConfig.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code'),
      redirect_uri: signInConfig.redirectUri,
      client_id: signInConfig.clientId,
      code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) return `sign-in failed: the token endpoint answered ${response.status}`;
  const body = await response.json();
  sessionStorage.setItem(TOKEN, JSON.stringify({
    accessToken: body.access_token,
    scope: body.scope || '',
    expiresAt: Date.now() + (body.expires_in || 300) * 1000,
  }));
  return null;
}

export function currentToken() {
  const token = JSON.parse(sessionStorage.getItem(TOKEN) || 'null');
  if (!token || token.expiresAt < Date.now() + 5000) return null;
  return token;
}

export function signOut() {
  sessionStorage.removeItem(TOKEN);
}
