// The documented exit codes of the command.
export const EXIT = {
  /** conformant: no MUST failed (and with --strict no SHOULD) */
  ok: 0,
  /** conformance failures (or unexpected outcomes against an expectation file) */
  failures: 1,
  /** usage or configuration error, including a credential the target rejects */
  usage: 2,
  /** the target is unreachable or does not speak SCIM */
  unreachable: 3,
  /** a bug in the suite itself */
  internal: 4,
} as const;
