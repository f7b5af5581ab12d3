/**
 * What changed between two revisions of an application's payload, field by field, for the
 * reviewer's "修改内容" view and the history. Nested objects are compared by dotted path
 * (`handler.mobile`), so a changed mobile number is one row, not a whole `handler` row; arrays
 * (IP addresses, DNS records) are compared as whole values, since their items have no stable key.
 */

export interface FieldChange {
  field: string;
  label: string;
  /** `undefined` when the field was added. */
  before: unknown;
  /** `undefined` when the field was removed. */
  after: unknown;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/** Leaves by dotted path. A key whose value is `undefined` is absent, as it would be in JSON. */
function flatten(value: Record<string, unknown>, prefix: string, out: Map<string, unknown>): Map<string, unknown> {
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (isPlainObject(v)) flatten(v, path, out);
    else out.set(path, v);
  }
  return out;
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` inside an array compare equal. */
function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_key, value: unknown) =>
    isPlainObject(value)
      ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, value[k]]))
      : value,
  );
}

const sameValue = (a: unknown, b: unknown): boolean =>
  Object.is(a, b) || (typeof a === 'object' && typeof b === 'object' && canonicalJson(a) === canonicalJson(b));

/**
 * The fields that differ between `before` (null for a first revision: every field is added)
 * and `after`. Rows come in the order of the keys of `labels`, then other fields alphabetically;
 * a field without a label is labelled with its path.
 */
export function diffPayloads(
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
  labels: Record<string, string>,
): FieldChange[] {
  const old = flatten(before ?? {}, '', new Map());
  const now = flatten(after, '', new Map());
  const fields = new Set([...old.keys(), ...now.keys()]);

  const changed = [...fields].filter((f) => !(old.has(f) && now.has(f) && sameValue(old.get(f), now.get(f))));
  const labelled = Object.keys(labels).filter((f) => changed.includes(f));
  const others = changed.filter((f) => !Object.hasOwn(labels, f)).sort();

  return [...labelled, ...others].map((field) => ({
    field,
    label: Object.hasOwn(labels, field) ? (labels[field] ?? field) : field,
    before: old.get(field),
    after: now.get(field),
  }));
}
