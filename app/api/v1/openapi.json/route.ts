import { json, route } from '@/lib/api/respond';
import { openApiDocument } from '@/lib/api/openapi';

export const dynamic = 'force-static';

/** The OpenAPI 3.1 document of the public API, generated from the contract (lib/api/openapi.ts). */
export const GET = route(async () => json(openApiDocument()));
