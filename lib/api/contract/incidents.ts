import { z } from 'zod';
import { allSources, timestamp } from './common';
import { anomalyKind, anomalyLink, severity } from './anomaly';

/** Incidents and acknowledged/muted findings (docs/api.md, "Incidents", "Mutes"; rules in docs/incidents.md). */

export const MUTE_MODES = ['ack', 'mute'] as const;

export const findingMute = z
  .object({ id: z.string(), findingId: z.string(), mode: z.enum(MUTE_MODES), by: z.string(), reason: z.string(), until: timestamp, createdAt: timestamp })
  .meta({ id: 'FindingMute' });
export type FindingMute = z.infer<typeof findingMute>;
export const muteList = z.object({ mutes: z.array(findingMute) }).meta({ id: 'MuteList' });
export const endedMute = z.object({ ended: z.string() });

export const incidentRole = z.enum(['symptom', 'cause_candidate', 'context']);

const findingFields = {
  id: z.string(),
  kind: anomalyKind,
  service: z.string().nullable(),
  title: z.string(),
  severity,
  start: timestamp,
  end: timestamp.nullable(),
  /** Present while someone has acknowledged or muted this finding. */
  mute: findingMute.optional(),
};

export const incidentFinding = z
  .object({
    ...findingFields,
    role: incidentRole,
    /** Why this finding is in the incident, and why it has its role, in words. */
    reason: z.string(),
  })
  .meta({ id: 'IncidentFinding' });

export const sourceGap = z.object({ source: z.enum(['prometheus', 'loki', 'jaeger']), message: z.string() });

export const incident = z
  .object({
    id: z.string(),
    sentence: z.string(),
    userFacing: z.boolean(),
    severity,
    start: timestamp,
    end: timestamp.nullable(),
    ongoing: z.boolean(),
    services: z.array(z.string()),
    findings: z.array(incidentFinding),
    /** The trace that shows it best, then the charts of its findings. */
    links: z.array(anomalyLink),
    /** Sources this incident needs that did not answer: what it says may be incomplete. */
    partial: z.array(sourceGap),
  })
  .meta({ id: 'Incident' });

export const telemetryHealth = z.object({ findings: z.array(z.object(findingFields)), partial: z.array(sourceGap) });

export const incidentsResponse = z
  .object({
    incidents: z.array(incident),
    telemetryHealth,
    sources: allSources,
    range: z.object({ from: timestamp, to: timestamp }),
    skipped: z.array(z.string()).optional(),
  })
  .meta({ id: 'Incidents' });
export type IncidentsResponse = z.infer<typeof incidentsResponse>;
