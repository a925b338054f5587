/**
 * The Preview digest dialog: the email exactly as it would be sent (in a frame of its own), its
 * subject and recipients, and for a leader a chooser of the school or the district. Sends nothing.
 */
import type { DigestPreview } from '../contract';
import { escapeHtml } from './html';

/** The server function the chooser calls (an entry point of src/main.ts). */
export const PREVIEW_FUNCTION = 'getDigestPreview';

function recipientsText(preview: DigestPreview): string {
  return preview.recipients.length > 0 ? preview.recipients.join(', ') : `no one: ${preview.noRecipients}`;
}

export function digestPreviewPage(preview: DigestPreview, scopes: readonly string[]): string {
  const chooser =
    scopes.length > 1
      ? `<p><label for="scope">Digest of</label> <select id="scope">${scopes
          .map(
            (s) =>
              `<option value="${escapeHtml(s)}"${s === preview.scope ? ' selected' : ''}>${escapeHtml(s)}</option>`,
          )
          .join('')}</select> <span id="status" role="status"></span></p>`
      : '';
  // The client only sets text and the frame's srcdoc property: nothing it receives becomes markup here.
  const script =
    scopes.length > 1
      ? `<script>
(function () {
  var select = document.getElementById('scope');
  var status = document.getElementById('status');
  function show(p) {
    status.textContent = '';
    document.getElementById('subject').textContent = p.subject;
    document.getElementById('recipients').textContent = p.recipients.length ? p.recipients.join(', ') : 'no one: ' + p.noRecipients;
    document.getElementById('email').srcdoc = p.htmlBody;
    select.disabled = false;
  }
  function fail(error) {
    status.textContent = (error && error.message) || String(error);
    select.disabled = false;
  }
  select.addEventListener('change', function () {
    select.disabled = true;
    status.textContent = 'Loading…';
    google.script.run.withSuccessHandler(show).withFailureHandler(fail).${PREVIEW_FUNCTION}(select.value);
  });
})();
</script>`
      : '';
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><base target="_top"><title>Preview digest</title><style>
body{font:14px/1.4 Arial,sans-serif;margin:0 4px;color:#202124}
dl{display:grid;grid-template-columns:auto 1fr;gap:2px 8px;margin:0 0 8px}dt{font-weight:bold}dd{margin:0}
iframe{width:100%;height:470px;border:1px solid #dadce0}.muted{color:#5f6368}
</style></head><body>
${chooser}
<dl><dt>To</dt><dd id="recipients">${escapeHtml(recipientsText(preview))}</dd>
<dt>Subject</dt><dd id="subject">${escapeHtml(preview.subject)}</dd></dl>
<p class="muted">This is a preview: nothing is sent and nothing is written.</p>
<iframe id="email" title="The digest email" sandbox="" srcdoc="${escapeHtml(preview.htmlBody)}"></iframe>
${script}
</body></html>`;
}
