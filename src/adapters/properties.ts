/** KeyValueStore over PropertiesService. Document properties: settings and state, shared by editors. */
import type { KeyValueStore } from '../usecases/ports';

function storeOf(properties: GoogleAppsScript.Properties.Properties): KeyValueStore {
  return {
    getAll: () => properties.getProperties(),
    setMany: (values) => {
      properties.setProperties(values);
    },
    deleteMany: (keys) => {
      for (const key of keys) properties.deleteProperty(key);
    },
  };
}

export function documentStore(): KeyValueStore {
  return storeOf(PropertiesService.getDocumentProperties());
}

/** The current user's own store: the only place marketplace keys are kept. */
export function userStore(): KeyValueStore {
  return storeOf(PropertiesService.getUserProperties());
}
