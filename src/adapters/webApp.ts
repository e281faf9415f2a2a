/** The web app: its URL (ScriptApp), tokens (Utilities) and doGet's answer (ContentService). */
import type { FeedAnswer, WebAppPort } from '../usecases/feed';

export const webApp: () => WebAppPort = () => ({
  url() {
    // Null until a deployment as a web app exists; a script that cannot tell counts as not deployed.
    try {
      return ScriptApp.getService().getUrl() || null;
    } catch {
      return null;
    }
  },
  newToken: () => Utilities.getUuid().replace(/-/g, ''),
});

/** What doGet returns: XML for the feed, plain text for a refusal (Apps Script serves it through a redirect). */
export function feedOutput(answer: FeedAnswer): GoogleAppsScript.Content.TextOutput {
  const mime = answer.kind === 'xml' ? ContentService.MimeType.XML : ContentService.MimeType.TEXT;
  return ContentService.createTextOutput(answer.content).setMimeType(mime);
}
