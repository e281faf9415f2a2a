/** Avito: the project's description (AVITO_API) against the official authorization, stock and order specs. */
import { AVITO_API } from '../../src/connectors/avito.api';
import { conformanceSuite } from './suite';

conformanceSuite('Avito', AVITO_API);

it('Avito: every answer beyond the official spec says where it is documented', () => {
  for (const [path, item] of Object.entries(AVITO_API.paths))
    for (const operation of Object.values(item))
      for (const [status, response] of Object.entries(operation?.responses ?? {}))
        if (response['x-beyond-spec'] !== undefined)
          expect({ path, status, why: response['x-beyond-spec'].length > 10 }).toEqual({ path, status, why: true });
});
