export { buildIncidents, compareIncidents, sourceGaps, withMutes, type BuildInput } from './build';
export { serviceGraph, EMPTY_GRAPH, type ServiceGraph, type TraceBrief } from './graph';
export { incidentsOfService } from './of-service';
export type { Incident, IncidentFinding, IncidentReport, Role, SourceGap, TelemetryHealth } from './types';
