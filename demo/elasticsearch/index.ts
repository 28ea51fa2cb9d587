import type { DemoBackend } from '../http';
import { createElasticsearchHandler } from './api';

export { createElasticsearchHandler } from './api';
export { DEMO_INDEX } from './documents';

/** The demo Elasticsearch, mounted at /elasticsearch: the app's ELASTICSEARCH_URL (or DEMO_ELASTICSEARCH_URL) is `<demo>/elasticsearch`. */
export const elasticsearchBackend: DemoBackend = { name: 'elasticsearch', mount: '/elasticsearch', jsonBody: true, handle: createElasticsearchHandler() };
