import { readFileSync } from 'node:fs';
import { isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { provisioningFile, type ProvisioningFile } from './provisioning-schema';

/**
 * Reads a provisioning file (TRIANGULATE_CONFIG; docs/architecture.md, "Sources from a
 * provisioning file"). Every problem is reported as `file:line:col: field: message`, so a
 * bad file stops start-up saying where. `${VAR}` in a string is replaced by the
 * environment variable VAR (secrets stay out of the file); `$${` writes a literal `${`.
 */

export class ProvisioningError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ProvisioningError';
  }
}

type Env = Record<string, string | undefined>;
type Path = readonly (string | number)[];

const ENV_REF = /\$\$\{|\$\{([^}]*)\}/g;
const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `a.b[2].c` for messages. */
export function fieldPath(path: Path): string {
  return path.reduce<string>((out, p) => (typeof p === 'number' ? `${out}[${p}]` : out ? `${out}.${p}` : p), '') || '(top level)';
}

/** The line and column of the deepest node of `path` present in the document. */
function positionOf(doc: Document, lines: LineCounter, path: Path): string {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) {
      const { line, col } = lines.linePos(range[0]);
      return `${line}:${col}`;
    }
  }
  return '1:1';
}

/** Replace `${VAR}` references in every string scalar; each missing variable is a problem naming its line. */
function substituteEnv(doc: Document, lines: LineCounter, env: Env, file: string, problems: string[]): void {
  visit(doc, {
    Scalar(_key, node) {
      if (!isScalar(node) || typeof node.value !== 'string' || !node.value.includes('$')) return;
      node.value = node.value.replace(ENV_REF, (whole, name: string | undefined) => {
        if (whole === '$${') return '${';
        const at = node.range ? lines.linePos(node.range[0]) : { line: 1, col: 1 };
        if (!name || !VAR_NAME.test(name)) {
          problems.push(`${file}:${at.line}:${at.col}: "${whole}" is not a variable reference (write $\${ for a literal \${)`);
          return whole;
        }
        const value = env[name];
        if (value === undefined || value === '') {
          problems.push(`${file}:${at.line}:${at.col}: environment variable ${name} is not set`);
          return whole;
        }
        return value;
      });
    },
  });
}

/** Parse and validate a provisioning file's text. Pure; `file` only names it in messages. */
export function parseProvisioning(text: string, file: string, env: Env): ProvisioningFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const problems: string[] = [];
  for (const e of doc.errors) {
    const at = e.linePos?.[0] ?? { line: 1, col: 1 };
    problems.push(`${file}:${at.line}:${at.col}: ${e.message.split('\n')[0]}`);
  }
  if (problems.length) throw new ProvisioningError(problems);
  substituteEnv(doc, lines, env, file, problems);
  if (problems.length) throw new ProvisioningError(problems);
  const parsed = provisioningFile.safeParse(doc.toJS({ maxAliasCount: 50 }) ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
      problems.push(`${file}:${positionOf(doc, lines, path)}: ${fieldPath(path)}: ${issue.message}`);
    }
    throw new ProvisioningError(problems);
  }
  return parsed.data;
}

/** Read and validate the file at `path`; an unreadable file is a problem like any other. */
export function readProvisioning(path: string, env: Env): ProvisioningFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ProvisioningError([`${path}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`]);
  }
  return parseProvisioning(text, path, env);
}
