/** Yandex Market: the project's description (YM_API) against the official multi-file spec it follows. */
import { YM_API } from '../../src/connectors/yandexMarket.api';
import { conformanceSuite } from './suite';

conformanceSuite('Yandex Market', YM_API);
