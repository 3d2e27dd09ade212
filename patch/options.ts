// Knobs for the ambiguous and IdP-compatibility cases (catalog sections E and A.15).

export interface PatchOptions {
  /** E-12/IOP-05: add on valuePath[+subAttr] matching nothing creates a record from the filter's `eq` terms. Default true. */
  addValuePathCreates?: boolean;
  /** IOP-07: replace on valuePath matching nothing creates the record instead of 400 noTarget (PATCH-REP-09). Default false. */
  replaceValuePathUpserts?: boolean;
  /** IOP-02: "True"/"False" (any case) accepted for boolean attributes. Default true. */
  coerceBooleanStrings?: boolean;
  /** IOP-08: a string for a single-valued complex attribute with a `value` sub-attribute means {value: s}. Default true. */
  coerceStringToComplexValue?: boolean;
  /** IOP-09: a one-element array for a single-valued complex attribute means that element. Default true. */
  unwrapSingletonArrays?: boolean;
  /** E-2/IOP-03: remove on a multi-valued path with a `value` removes only the matching records. Default true. */
  removeByValueArray?: boolean;
  /** E-4: an empty Operations array is accepted as a no-op. Default false. */
  allowEmptyOperations?: boolean;
  /** PATCH-PRI: setting primary true on one record sets it false on the others. Default true. */
  normalizePrimary?: boolean;
}

export type ResolvedOptions = Required<PatchOptions>;

export const DEFAULT_OPTIONS: ResolvedOptions = {
  addValuePathCreates: true,
  replaceValuePathUpserts: false,
  coerceBooleanStrings: true,
  coerceStringToComplexValue: true,
  unwrapSingletonArrays: true,
  removeByValueArray: true,
  allowEmptyOperations: false,
  normalizePrimary: true,
};

export function resolveOptions(options: PatchOptions | undefined): ResolvedOptions {
  const out = { ...DEFAULT_OPTIONS };
  for (const key of Object.keys(DEFAULT_OPTIONS) as (keyof ResolvedOptions)[]) {
    const v = options?.[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}
