/** The project's Wildberries description against the official files it follows (skipped without ../shared). */
import { WB_API } from '../../src/connectors/wildberries.api';
import { conformanceSuite } from './suite';

conformanceSuite('Wildberries', WB_API);
