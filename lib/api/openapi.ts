/**
 * The OpenAPI 3.1 document of the public HTTP API, generated from the contract's zod
 * schemas with zod's own JSON Schema output (OpenAPI 3.1 schemas are JSON Schema 2020-12),
 * so the document cannot drift from what the routes parse and answer. Served at
 * GET /api/v1/openapi.json; docs/api.md is the readable companion.
 */
import { z } from 'zod';
import * as c from './contract';

type Schema = Record<string, unknown>;
const REF = '#/components/schemas/';

/**
 * Named response schemas become components; nested named ones are referenced, not repeated.
 * Only this module's own contract schemas are converted: a server process may hold a
 * second copy of the contract modules (one per route bundle) in zod's global registry,
 * and two schemas with one id cannot be converted together.
 */
function components(): Record<string, Schema> {
  const named = z.registry<{ id: string }>();
  for (const value of Object.values(c)) {
    const id = value instanceof z.ZodType ? z.globalRegistry.get(value)?.id : undefined;
    if (id && !named.has(value as z.ZodType)) named.add(value as z.ZodType, { id });
  }
  const out = z.toJSONSchema(named, { uri: (id) => `${REF}${id}`, unrepresentable: 'any' }) as { schemas: Record<string, Schema> };
  return Object.fromEntries(Object.entries(out.schemas).map(([id, s]) => [id, strip(s)]));
}

function strip(s: Schema): Schema {
  const { $schema: _s, $id: _id, ...rest } = s;
  return rest;
}

/** A schema as a request or an answer sees it; its named parts refer to the components. */
function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Schema {
  const id = z.globalRegistry.get(schema)?.id;
  if (id && io === 'output') return { $ref: `${REF}${id}` };
  const { $defs: _defs, ...rest } = strip(z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Schema);
  // Named parts come out as local $defs: point them at the shared components instead.
  return JSON.parse(JSON.stringify(rest).replaceAll('"#/$defs/', `"${REF}`)) as Schema;
}

function queryParameters(schema: z.ZodObject): Schema[] {
  const json = schemaOf(schema, 'input') as { properties?: Record<string, Schema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    ...(typeof s.description === 'string' ? { description: s.description } : {}),
    schema: s,
  }));
}

const pathParam = (name: string, description: string): Schema => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });
const json = (schema: z.ZodType, io: 'input' | 'output' = 'output') => ({ 'application/json': { schema: schemaOf(schema, io) } });
const ok = (schema: z.ZodType, description: string, status = '200') => ({ [status]: { description, content: json(schema) } });
const errors = (...codes: string[]) =>
  Object.fromEntries(codes.map((code) => [code, { description: ERROR_TEXT[code], content: { 'application/json': { schema: { $ref: `${REF}Error` } } } }]));
const ERROR_TEXT: Record<string, string> = {
  '400': 'Bad input; the message names the field.',
  '404': 'Not found.',
  '502': 'A backend failed.',
  '504': 'A backend timed out.',
};

interface Op {
  summary: string;
  parameters?: Schema[];
  requestBody?: z.ZodType;
  responses: Record<string, unknown>;
}

function op({ summary, parameters, requestBody, responses }: Op): Schema {
  return {
    summary,
    ...(parameters?.length ? { parameters } : {}),
    ...(requestBody ? { requestBody: { required: true, content: json(requestBody, 'input') } } : {}),
    responses,
  };
}

const traceId = pathParam('traceId', '1–32 hex digits, a traceparent or an uber-trace-id');
const viewId = pathParam('id', 'Saved view id');
const digestId = pathParam('id', 'Digest schedule id');

function paths(): Record<string, Record<string, Schema>> {
  const range = queryParameters(c.rangeQuery);
  const picked = queryParameters(c.sourceQuery);
  return {
    '/api/v1/traces/{traceId}/correlated': {
      get: op({ summary: 'One trace with its logs, metrics, exemplars and findings; per-source status inside.', parameters: [traceId, ...range, ...picked], responses: { ...ok(c.correlatedResponse, 'The investigation.'), ...errors('400') } }),
    },
    '/api/v1/traces/{traceId}/stream': {
      get: op({
        summary: 'The trace page’s one request: the investigation as NDJSON frames (one JSON object per line, schema per line below): trace (waterfall columns) first, details, then logs, exemplars, metrics as each completes, findings last.',
        parameters: [traceId, ...range, ...picked],
        responses: { '200': { description: 'One frame per line.', content: { 'application/x-ndjson': { schema: schemaOf(c.streamFrame, 'output') } } }, ...errors('400') },
      }),
    },
    '/api/v1/traces/{traceId}': {
      get: op({ summary: 'The trace alone, spans as columns (no tags or events).', parameters: [traceId, ...range, ...picked], responses: { ...ok(c.traceOnlyResponse, 'The trace.'), ...errors('400') } }),
    },
    '/api/v1/anomalies': {
      get: op({ summary: 'Every finding in a range, across the three backends.', parameters: queryParameters(c.anomaliesQuery), responses: { ...ok(c.anomaliesResponse, 'Findings and source status.'), ...errors('400') } }),
    },
    '/api/v1/query/metrics': {
      get: op({ summary: 'A PromQL range query for Explore, with exemplars.', parameters: [...queryParameters(c.metricsQuery), ...picked], responses: { ...ok(c.exploreMetricsResponse, 'Series and exemplars.'), ...errors('400', '502', '504') } }),
    },
    '/api/v1/query/logs': {
      get: op({ summary: 'A LogQL range query for Explore (log or metric query).', parameters: [...queryParameters(c.logsQuery), ...picked], responses: { ...ok(c.exploreLogsResponse, 'Log lines or series.'), ...errors('400', '502', '504') } }),
    },
    '/api/v1/query/logs/context': {
      get: op({ summary: 'Lines before and after one log line of the same stream (log context).', parameters: [...queryParameters(c.logContextQuery), ...picked], responses: { ...ok(c.logContextResponse, 'The lines around it, oldest first.'), ...errors('400', '502', '504') } }),
    },
    '/api/v1/query/logs/volume': {
      get: op({ summary: 'Lines per level over time for a log query (the log volume histogram).', parameters: [...queryParameters(c.logVolumeQuery), ...picked], responses: { ...ok(c.logVolumeResponse, 'One series per level.'), ...errors('400', '502', '504') } }),
    },
    '/api/v1/query/promql/labels': {
      get: op({ summary: 'Label names for PromQL completion (through Triangulate, never Prometheus directly).', parameters: queryParameters(c.promLabelsQuery), responses: { ...ok(c.promNamesResponse, 'Label names.'), ...errors('400', '502', '504') } }),
    },
    '/api/v1/query/promql/label-values': {
      get: op({ summary: "One label's values for PromQL completion (label=__name__ lists metric names).", parameters: queryParameters(c.promLabelValuesQuery), responses: { ...ok(c.promNamesResponse, 'Label values.'), ...errors('400', '502', '504') } }),
    },
    '/api/v1/query/promql/metadata': {
      get: op({ summary: 'Metric metadata (type, help, unit) for PromQL completion.', responses: { ...ok(c.promMetadataResponse, 'Metadata by metric name.'), ...errors('502', '504') } }),
    },
    '/api/v1/views': {
      get: op({ summary: 'Saved views, most recently updated first.', parameters: queryParameters(c.listViewsQuery), responses: { ...ok(c.viewList, 'The views.'), ...errors('400') } }),
      post: op({ summary: 'Save a view.', requestBody: c.createViewInput, responses: { ...ok(c.viewRecord, 'The saved view.', '201'), ...errors('400') } }),
    },
    '/api/v1/views/{id}': {
      get: op({ summary: 'One saved view.', parameters: [viewId], responses: { ...ok(c.viewRecord, 'The view.'), ...errors('404') } }),
      patch: op({ summary: 'Rename, re-describe or re-point a view.', parameters: [viewId], requestBody: c.updateViewInput, responses: { ...ok(c.viewRecord, 'The view.'), ...errors('400', '404') } }),
      delete: op({ summary: 'Delete a view; its share links stop working.', parameters: [viewId], responses: { ...ok(c.deleted, 'Deleted.'), ...errors('404') } }),
    },
    '/api/v1/views/{id}/share': {
      post: op({ summary: 'Create a share link (optionally a frozen snapshot).', parameters: [viewId], requestBody: c.createShareInput, responses: { ...ok(c.createdShare, 'The link; its token appears only here.', '201'), ...errors('400', '404') } }),
    },
    '/api/v1/views/{id}/shares': {
      get: op({ summary: 'The share links of a view (never their tokens).', parameters: [viewId], responses: { ...ok(c.shareList, 'The shares.'), ...errors('404') } }),
    },
    '/api/v1/views/{id}/shares/{shareId}': {
      delete: op({ summary: 'Revoke one share of a view by its id.', parameters: [viewId, pathParam('shareId', 'Share id')], responses: { ...ok(c.revokedShare, 'Revoked.'), ...errors('404') } }),
    },
    '/api/v1/shares/{token}': {
      delete: op({ summary: 'Revoke a share link by its token.', parameters: [pathParam('token', 'Share token')], responses: { ...ok(c.revokedToken, 'Revoked.'), ...errors('404') } }),
    },
    '/api/v1/digests': {
      get: op({ summary: 'Every digest schedule (secrets never included) and the cron presets.', responses: ok(c.scheduleList, 'The schedules.') }),
      post: op({ summary: 'Create a digest schedule.', requestBody: c.createScheduleInput, responses: { ...ok(c.scheduleRecord, 'The schedule with nextRunAt.', '201'), ...errors('400') } }),
    },
    '/api/v1/digests/{id}': {
      get: op({ summary: 'One schedule.', parameters: [digestId], responses: { ...ok(c.scheduleRecord, 'The schedule.'), ...errors('404') } }),
      patch: op({ summary: 'Change any field; `channels` replaces the list.', parameters: [digestId], requestBody: c.updateScheduleInput, responses: { ...ok(c.scheduleRecord, 'The schedule.'), ...errors('400', '404') } }),
      delete: op({ summary: 'Delete a schedule and its run history.', parameters: [digestId], responses: { ...ok(c.deleted, 'Deleted.'), ...errors('404') } }),
    },
    '/api/v1/digests/{id}/run': {
      post: op({ summary: 'Run now: build the digest for the window ending now and send it.', parameters: [digestId], responses: { ...ok(c.runRecord, 'The finished run.', '201'), ...errors('404') } }),
    },
    '/api/v1/digests/{id}/runs': {
      get: op({ summary: 'Run history, newest first.', parameters: [digestId, ...queryParameters(c.runsQuery)], responses: { ...ok(c.runList, 'The runs.'), ...errors('400', '404') } }),
    },
    '/api/v1/digests/{id}/preview': {
      get: op({ summary: 'What Run now would send at this moment; nothing is sent.', parameters: [digestId], responses: { ...ok(c.digestPreview, 'The preview.'), ...errors('404') } }),
    },
    '/api/v1/traces': {
      get: op({ summary: 'Trace search (Jaeger v1 or v3), each result checked for broken links and logs.', parameters: queryParameters(c.traceSearchQuery), responses: { ...ok(c.traceSearchAnswer, 'The results.'), ...errors('400', '502', '504') } }),
    },
    '/api/v1/services': {
      get: op({ summary: 'The services Jaeger knows.', responses: { ...ok(c.serviceList, 'The services.'), ...errors('502', '504') } }),
    },
    '/api/v1/services/{service}/operations': {
      get: op({ summary: 'The operations of one service.', parameters: [pathParam('service', 'Service name')], responses: { ...ok(c.operationList, 'The operations.'), ...errors('400', '502', '504') } }),
    },
    '/api/v1/services/{service}/overview': {
      get: op({ summary: 'A service page: RED and runtime panels, log volume, callers and callees, slowest and failing traces.', parameters: [pathParam('service', 'Service name'), ...range, ...picked], responses: { ...ok(c.servicePageAnswer, 'The overview.'), ...errors('400') } }),
    },
    '/api/v1/service-map': {
      get: op({ summary: 'The service dependency graph with error shares and broken-propagation hops.', parameters: range, responses: { ...ok(c.serviceMapAnswer, 'The graph.'), ...errors('400') } }),
    },
    '/api/v1/incidents': {
      get: op({ summary: 'Findings of a range grouped into incidents, user-facing first; telemetry health apart. A source that did not answer marks the incidents that need it partial.', parameters: range, responses: { ...ok(c.incidentsResponse, 'Incidents.'), ...errors('400') } }),
    },
    '/api/v1/mutes': {
      get: op({ summary: 'Acknowledgements and mutes in force.', responses: ok(c.muteList, 'The mutes.') }),
      post: op({ summary: 'Acknowledge or mute a finding for a time, with who and why.', responses: { ...ok(c.findingMute, 'The mute.', '201'), ...errors('400') } }),
    },
    '/api/v1/mutes/{id}': {
      delete: op({ summary: 'End an acknowledgement or mute now.', parameters: [pathParam('id', 'Mute id')], responses: { ...ok(c.endedMute, 'Ended.'), ...errors('404') } }),
    },
    '/api/v1/me': {
      get: op({ summary: 'Who is signed in, and the sign-in mode.', responses: ok(c.meAnswer, 'The user (null when not signed in).') }),
    },
    '/api/v1/audit': {
      get: op({ summary: 'The audit log, newest first (admins).', parameters: queryParameters(c.auditQuery), responses: { ...ok(c.auditList, 'Audit events.'), ...errors('400') } }),
    },
    '/api/health': {
      get: op({ summary: 'Per-source reachability; always 200.', responses: ok(c.healthResponse, 'Health.') }),
    },
  };
}

export function openApiDocument(): Schema {
  return {
    openapi: '3.1.0',
    info: { title: 'Triangulate', version: '1', description: 'The public HTTP API of Triangulate (docs/api.md). Additive changes only.' },
    paths: paths(),
    components: { schemas: components() },
  };
}
