/** MailPort over MailApp: the owner's daily low-stock digest (SPEC 5.9), within the day's mail quota. */
import type { MailPort } from '../usecases/alerts';

export function mailApp(): MailPort {
  return {
    remainingQuota: () => MailApp.getRemainingDailyQuota(),
    send: (message) => {
      MailApp.sendEmail({ to: message.to, subject: message.subject, body: message.body, name: 'Остатки' });
    },
  };
}
