/**
 * The registry for teammates' notebooks keeps no command links, runs no
 * JavaScript, and its views do not submit forms.
 */
import { Sanitizer } from '@jupyterlab/apputils';
import {
  RenderMimeRegistry,
  standardRendererFactories
} from '@jupyterlab/rendermime';

import {
  blockFormSubmission,
  SCRIPT_MIME_TYPES,
  untrustedRendermime,
  untrustedSanitizer
} from '../readonly/rendermime';

const LINKER =
  '<button data-commandlinker-command="terminal:create-new" data-commandlinker-args="{}">Go</button>';

describe('untrustedRendermime', () => {
  it('drops command-linker attributes the app sanitizer keeps', () => {
    const app = new Sanitizer();
    expect(app.sanitize(LINKER)).toContain('data-commandlinker-command');
    const out = untrustedSanitizer(app).sanitize(LINKER);
    expect(out).not.toContain('commandlinker');
    expect(out).toContain('>Go</button>');
  });

  it('keeps the app sanitizer settings and leaves the app registry alone', () => {
    const app = new Sanitizer();
    app.setAllowNamedProperties(true);
    expect(untrustedSanitizer(app).allowNamedProperties).toBe(true);

    const js = {
      mimeTypes: [...SCRIPT_MIME_TYPES],
      safe: false,
      createRenderer: () => {
        throw new Error('never rendered');
      }
    };
    const registry = new RenderMimeRegistry({
      initialFactories: [...standardRendererFactories, js],
      sanitizer: app
    });
    const untrusted = untrustedRendermime(registry);
    for (const mime of SCRIPT_MIME_TYPES) {
      expect(untrusted.mimeTypes).not.toContain(mime);
      expect(registry.mimeTypes).toContain(mime);
    }
    expect(untrusted.mimeTypes).toContain('text/html');
    expect(untrusted.sanitizer.sanitize(LINKER)).not.toContain('commandlinker');
    expect(registry.sanitizer.sanitize(LINKER)).toContain('commandlinker');
  });

  it('blocks form submission inside the view', () => {
    const host = document.createElement('div');
    const form = document.createElement('form');
    form.appendChild(document.createElement('button'));
    host.appendChild(form);
    blockFormSubmission(host);
    const event = new Event('submit', { bubbles: true, cancelable: true });
    form.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
  });
});
