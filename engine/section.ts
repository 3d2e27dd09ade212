// The RFC section a scenario belongs to, for grouping in reports: its first RFC reference.

const RFC_REF = /^RFC(\d{4})-(\d+(?:\.\d+)*)$/;

export function sectionOf(refs: readonly string[]): string {
  for (const ref of refs) {
    const m = RFC_REF.exec(ref);
    if (m) return `RFC${m[1]} ${m[2]}`;
  }
  return 'other';
}
