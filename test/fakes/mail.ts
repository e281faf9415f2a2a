/**
 * MailApp as Apps Script has it, for the low-stock digest: sendEmail(message) with `to`, `subject`
 * and `body`, failing as Apps Script does without a recipient, past the day's quota (100 recipients on a
 * consumer account) and without the send_mail scope in the manifest; getRemainingDailyQuota counts down.
 */
export interface SentMail {
  to: string;
  subject: string;
  body: string;
  name?: string;
}

const SEND_MAIL = 'https://www.googleapis.com/auth/script.send_mail';

export class FakeMailApp {
  sent: SentMail[] = [];
  constructor(
    private quota = 100,
    /** The manifest's oauthScopes; sending needs script.send_mail (or full Gmail). */
    private readonly scopes: string[] = [SEND_MAIL],
  ) {}

  setQuota(left: number) {
    this.quota = left;
  }

  getRemainingDailyQuota(): number {
    return this.quota;
  }

  sendEmail(message: Partial<SentMail> | string, subject?: string, body?: string): void {
    if (!this.scopes.includes(SEND_MAIL) && !this.scopes.includes('https://mail.google.com/'))
      throw new Error(
        `Exception: You do not have permission to call MailApp.sendEmail. Required permissions: ${SEND_MAIL}`,
      );
    const mail = typeof message === 'string' ? { to: message, subject, body } : message;
    const to = String(mail.to ?? '').trim();
    if (!to) throw new Error('Exception: Failed to send email: no recipient');
    const recipients = to.split(',').length;
    if (this.quota < recipients) throw new Error('Exception: Service invoked too many times for one day: email.');
    this.quota -= recipients;
    this.sent.push({ to, subject: String(mail.subject ?? ''), body: String(mail.body ?? ''), name: mail.name });
  }
}
