export { buildIncidents, compareIncidents, sourceGaps, withMutes, type BuildInput } from './build';
export { bestTraceLink, traceFocus, withTraceLink, type TraceFocus } from './best-trace';
export { serviceGraph, traceBrief, EMPTY_GRAPH, type ServiceGraph, type TraceBrief } from './graph';
export { incidentsOfService } from './of-service';
export type { Incident, IncidentFinding, IncidentReport, Role, SourceGap, TelemetryHealth } from './types';
