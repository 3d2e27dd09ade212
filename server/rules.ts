// Data rules of a stricter reference server, like the ones real targets enforce on the users they
// accept: an email domain they own, a required enterprise employeeNumber. Checked on creation
// (POST), the way many provisioning targets validate; a body that breaks one gets 400 invalidValue
// with a detail naming the rule, so the suite can suggest the data template that satisfies it.
import { URN } from '../schemas/scim-schema.ts';
import { ScimHttpError } from './errors.ts';
import { isObject } from '../patch/json-value.ts';

export interface DataRules {
  /** userName must be an email address in this domain, and so must every emails[].value. */
  emailDomain?: string;
  /** The enterprise extension's employeeNumber is required. */
  requireEmployeeNumber?: boolean;
}

function member(obj: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : obj[key];
}

function inDomain(value: unknown, domain: string): boolean {
  return typeof value === 'string' && value.toLowerCase().endsWith(`@${domain.toLowerCase()}`);
}

/** Throws 400 invalidValue naming every rule a User body being created breaks (required attributes first). */
export function checkUserRules(rules: DataRules, body: unknown): void {
  if (!isObject(body)) return;
  const problems: string[] = [];
  if (rules.requireEmployeeNumber) {
    const ext = member(body, URN.enterpriseUser);
    const number = isObject(ext) ? member(ext, 'employeeNumber') : undefined;
    if (typeof number !== 'string' || number === '') problems.push('the enterprise attribute employeeNumber is required');
  }
  const domain = rules.emailDomain;
  if (domain !== undefined) {
    if (!inDomain(member(body, 'userName'), domain)) problems.push(`userName must be an email address in the domain ${domain}`);
    const emails = member(body, 'emails');
    const outside = Array.isArray(emails) ? emails.findIndex((e) => !inDomain(isObject(e) ? member(e, 'value') : undefined, domain)) : -1;
    if (outside >= 0) problems.push(`emails[${outside}].value must be an email address in the domain ${domain}`);
  }
  if (problems.length > 0) throw new ScimHttpError(400, problems.join('; '), 'invalidValue');
}
