/** TriggerPort over ScriptApp: the installable triggers of this script for the current user. */
import type { TriggerInfo, TriggerPort } from '../usecases/ports';

export function scriptTriggers(): TriggerPort {
  return {
    list(): TriggerInfo[] {
      return ScriptApp.getProjectTriggers().map((t) => {
        const type = t.getEventType();
        const kind =
          type === ScriptApp.EventType.CLOCK ? 'clock' : type === ScriptApp.EventType.ON_EDIT ? 'edit' : 'other';
        return { id: t.getUniqueId(), handler: t.getHandlerFunction(), kind };
      });
    },
    createClock(handler, minutes) {
      const builder = ScriptApp.newTrigger(handler).timeBased();
      (minutes >= 60 ? builder.everyHours(Math.round(minutes / 60)) : builder.everyMinutes(minutes)).create();
    },
    createEdit(handler) {
      ScriptApp.newTrigger(handler).forSpreadsheet(SpreadsheetApp.getActiveSpreadsheet()).onEdit().create();
    },
    createOnce(handler, ms) {
      ScriptApp.newTrigger(handler).timeBased().after(ms).create();
    },
    remove(id) {
      const trigger = ScriptApp.getProjectTriggers().find((t) => t.getUniqueId() === id);
      if (trigger) ScriptApp.deleteTrigger(trigger);
    },
    isAddOn() {
      try {
        return ScriptApp.getInstallationSource() !== ScriptApp.InstallationSource.NONE;
      } catch {
        return true;
      }
    },
  };
}
