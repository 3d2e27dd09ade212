// Fills a profile's base-path template (`/environments/{envID}/v2`) from the config's
// templateValues. A missing value is a config mistake, reported in one line that names it.

export class TemplateValueError extends Error {
  readonly field: string;
  readonly problem: string;
  constructor(field: string, problem: string) {
    super(`config: ${field}: ${problem}`);
    this.name = 'TemplateValueError';
    this.field = field;
    this.problem = problem;
  }
}

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The `{name}` parts of a template, in order of appearance, each once. */
export function templateNames(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/** The template with every `{name}` replaced by its (percent-encoded) value. */
export function fillTemplate(template: string, values: Record<string, string>, profile: string): string {
  return template.replace(PLACEHOLDER, (_m, name: string) => {
    const value = values[name];
    if (value === undefined || value.trim() === '') {
      throw new TemplateValueError(
        `templateValues.${name}`,
        `is required by profile "${profile}" (base path ${template}); set "templateValues": {"${name}": "..."} in the config file`,
      );
    }
    return encodeURIComponent(value);
  });
}
