/**
 * Marketplace text that reaches the journal or the sidebar may repeat the request that caused it,
 * keys included (SPEC 7). Every stored key is replaced by «…» before such text is shown or kept.
 */

/** Shorter strings (a Client-Id, say) are not secret enough to hide and would garble ordinary numbers. */
const MIN_SECRET = 8;

/** The forms a key may take in an echoed request: as it is, and URL-encoded in a query. */
function formsOf(secret: string): string[] {
  const encoded = encodeURIComponent(secret);
  return encoded === secret ? [secret] : [secret, encoded];
}

/**
 * A message cut short (an excerpt ends in «…») may end in the first part of a key: that part goes
 * too, as long as it is long enough to be the key's and not chance.
 */
function withoutCutKey(text: string, form: string): string {
  for (let length = Math.min(form.length - 1, text.length); length >= MIN_SECRET; length--) {
    const head = form.slice(0, length);
    if (text.endsWith(head)) return `${text.slice(0, -length)}…`;
    if (text.endsWith(`${head}…`)) return `${text.slice(0, -length - 1)}…`;
  }
  return text;
}

/** `text` with every occurrence of each secret (and of its URL-encoded form) replaced by «…». */
export function withoutSecrets(text: string, secrets: readonly string[]): string {
  let clean = text;
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET) continue;
    for (const form of formsOf(secret)) {
      clean = clean.split(form).join('…');
      clean = withoutCutKey(clean, form);
    }
  }
  return clean;
}

/** Printable ASCII only: what an HTTP header can carry. */
export function headerSafe(value: string): boolean {
  return /^[\x20-\x7e]*$/.test(value);
}
