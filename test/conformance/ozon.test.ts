/** The Ozon description against the official subset of 2026-09-29 it follows. */
import { OZON_API } from '../../src/connectors/ozon.api';
import { conformanceSuite } from './suite';

conformanceSuite('Ozon', OZON_API);

it('Ozon: every answer beyond the official spec says where it is documented', () => {
  for (const [path, item] of Object.entries(OZON_API.paths))
    for (const operation of Object.values(item))
      for (const [status, response] of Object.entries(operation?.responses ?? {}))
        if (response['x-beyond-spec'] !== undefined)
          expect({ path, status, why: response['x-beyond-spec'].length > 10 }).toEqual({ path, status, why: true });
});
