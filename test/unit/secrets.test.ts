import { headerSafe, withoutSecrets } from '../../src/core/secrets';

describe('marketplace text is cleaned of stored keys (SPEC 7)', () => {
  const key = 'ACMA:ab12-cd34/ef56';
  it('replaces the key, and its URL-encoded form, with «…»', () => {
    expect(withoutSecrets(`HTTP 400: bad key ${key} in /x?key=${encodeURIComponent(key)}&a=1`, [key])).toBe(
      'HTTP 400: bad key … in /x?key=…&a=1',
    );
  });
  it('drops the first part of a key an excerpt cut off', () => {
    expect(withoutSecrets(`denied for ${key.slice(0, 10)}…`, [key])).toBe('denied for …');
    expect(withoutSecrets(`denied for ${key.slice(0, 12)}`, [key])).toBe('denied for …');
  });
  it('leaves short values (a Client-Id) and ordinary text alone', () => {
    expect(withoutSecrets('Client-Id 1001, HTTP 400', ['1001'])).toBe('Client-Id 1001, HTTP 400');
    expect(withoutSecrets('всё хорошо', [key])).toBe('всё хорошо');
  });
});

describe('a key must fit an HTTP header', () => {
  it('takes printable ASCII and refuses anything else', () => {
    expect(headerSafe('ACMA:ab12 cd~')).toBe(true);
    for (const bad of ['ключ', 'a\nb', 'a\u00a0b', '«a»', 'a\tb']) expect(headerSafe(bad)).toBe(false);
  });
});
