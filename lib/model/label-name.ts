/**
 * Field and attribute names as Loki label names: Loki sanitizes a name to [a-zA-Z0-9_:], so
 * OTel's `service.name` arrives as `service_name` and `dd.trace_id` as `dd_trace_id`. The
 * trace-context extraction looks labels up by it; an Elasticsearch source names its line
 * labels by it, so the same service and level rules read both.
 */
export const labelName = (name: string): string => name.replace(/[^a-zA-Z0-9_:]/g, '_');

/** The first of `labels` (in their order) that one of `fields` becomes under `labelName`, as that field; null when none does. */
export function fieldForLabel(fields: readonly string[], labels: readonly string[]): string | null {
  for (const label of labels) {
    const field = fields.find((f) => labelName(f) === label);
    if (field) return field;
  }
  return null;
}
