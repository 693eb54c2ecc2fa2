/**
 * The render registry for teammates' notebooks (read-only view, diffs).
 *
 * Their outputs are rendered untrusted, so HTML goes through the sanitizer; on
 * top of that, nothing in them may offer to run something:
 * - command-linker attributes are dropped (JupyterLab keeps them on buttons in
 *   untrusted HTML and asks "Run Command?" on click: a teammate's button could
 *   open a terminal or run all cells one click away);
 * - JavaScript renderers are removed (untrusted, they offer a "Run" button, and
 *   nbdime's mimetype picker can select them);
 * - the views hosting the outputs block form submission (blockFormSubmission).
 */
import { Sanitizer } from '@jupyterlab/apputils';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';

/** Mime types whose renderers run the author's code on request. */
export const SCRIPT_MIME_TYPES = ['application/javascript', 'text/javascript'];

/** A sanitizer like *base* (when it is JupyterLab's) that never keeps command links. */
export function untrustedSanitizer(base?: unknown): Sanitizer {
  const sanitizer = new Sanitizer();
  if (base instanceof Sanitizer) {
    sanitizer.setAutolink(base.getAutolink());
    sanitizer.setAllowNamedProperties(base.allowNamedProperties);
  }
  // Absent before JupyterLab 4.5, whose sanitizer never kept these attributes.
  if (typeof sanitizer.setAllowCommandLinker === 'function') {
    sanitizer.setAllowCommandLinker(false);
  }
  return sanitizer;
}

/** A clone of the app's registry for rendering untrusted notebooks. */
export function untrustedRendermime(
  rendermime: IRenderMimeRegistry
): IRenderMimeRegistry {
  const clone = rendermime.clone({
    sanitizer: untrustedSanitizer(rendermime.sanitizer)
  });
  for (const mime of SCRIPT_MIME_TYPES) {
    clone.removeMimeType(mime);
  }
  return clone;
}

/**
 * Keep forms in untrusted content from submitting. The sanitizer keeps
 * `<form>` and its buttons (without `action`), so a click would navigate
 * JupyterLab itself away to the current URL (or post the form's inputs).
 */
export function blockFormSubmission(node: HTMLElement): void {
  node.addEventListener('submit', event => event.preventDefault(), true);
}
