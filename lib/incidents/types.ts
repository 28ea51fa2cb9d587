/**
 * The incident model (docs/incidents.md): findings grouped into the story of what broke.
 * Pure data; built by build.ts from anomaly findings and the service graph seen in traces.
 */
import type { AnomalyKind, AnomalyLink, Severity } from '../model/anomaly';
import type { SourceName } from '../model/types';
import type { FindingMute } from '../mutes/mutes';

export type Role = 'symptom' | 'cause_candidate' | 'context';

export interface IncidentFinding {
  id: string;
  kind: AnomalyKind;
  role: Role;
  /** Why this finding is in the incident, and why it has its role, in words. */
  reason: string;
  service: string | null;
  title: string;
  severity: Severity;
  start: string;
  end: string | null;
  /** Present while someone has acknowledged or muted this finding. */
  mute?: FindingMute;
}

export interface SourceGap {
  source: SourceName;
  message: string;
}

export interface Incident {
  /** Stable across scans while the incident lasts: derived from its earliest seed finding. */
  id: string;
  sentence: string;
  /** True when at least one finding is a user-facing symptom. */
  userFacing: boolean;
  severity: Severity;
  start: string;
  end: string | null;
  ongoing: boolean;
  services: string[];
  findings: IncidentFinding[];
  /** The trace that shows it best, then the charts of its findings. */
  links: AnomalyLink[];
  /** Sources this incident needs that did not answer: what it says may be incomplete. */
  partial: SourceGap[];
}

export interface TelemetryHealth {
  findings: Omit<IncidentFinding, 'role' | 'reason'>[];
  partial: SourceGap[];
}

export interface IncidentReport {
  /** User-facing incidents first, worst first, then internal ones. */
  incidents: Incident[];
  telemetryHealth: TelemetryHealth;
}
