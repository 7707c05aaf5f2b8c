import { describe, expect, it } from 'vitest';
import { isTrustedSender } from './ipc-trust';

const app = 'file:///opt/CIMS/resources/app.asar/out/renderer/index.html';
const ok = { fromOurWindow: true, isMainFrame: true, frameUrl: app };

describe('IPC sender check', () => {
  it('accepts the main frame of our window on our page, with any hash', () => {
    expect(isTrustedSender(ok, app)).toBe(true);
    expect(isTrustedSender({ ...ok, frameUrl: `${app}#/tickets` }, app)).toBe(true);
  });

  it.each([
    ['another window', { ...ok, fromOurWindow: false }],
    ['an iframe', { ...ok, isMainFrame: false }],
    ['a web page', { ...ok, frameUrl: 'https://evil.example/index.html' }],
    ['another local file', { ...ok, frameUrl: 'file:///tmp/evil.html' }],
    ['a data URL', { ...ok, frameUrl: 'data:text/html,<script>1</script>' }],
    ['an unparsable URL', { ...ok, frameUrl: 'not a url' }],
  ])('refuses %s', (_label, sender) => {
    expect(isTrustedSender(sender, app)).toBe(false);
  });
});
