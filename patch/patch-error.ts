// The one error type of the PATCH module: an HTTP status plus a RFC 7644 §3.12 scimType.
import type { ScimType } from '../schemas/scim-schema.ts';

export class PatchError extends Error {
  readonly status: number;
  readonly scimType?: ScimType;
  readonly detail: string;
  readonly operationIndex?: number;

  constructor(status: number, scimType: ScimType | undefined, detail: string, operationIndex?: number) {
    super(detail);
    this.name = 'PatchError';
    this.status = status;
    if (scimType !== undefined) this.scimType = scimType;
    this.detail = detail;
    if (operationIndex !== undefined) this.operationIndex = operationIndex;
  }

  /** Same error, attributed to one operation of the request (detail prefixed so users see which). */
  withOperation(index: number, label: string): PatchError {
    return new PatchError(this.status, this.scimType, `Operation ${index + 1} (${label}): ${this.detail}`, index);
  }
}

export const invalidPath = (detail: string): PatchError => new PatchError(400, 'invalidPath', detail);
export const invalidFilter = (detail: string): PatchError => new PatchError(400, 'invalidFilter', detail);
export const invalidValue = (detail: string): PatchError => new PatchError(400, 'invalidValue', detail);
export const invalidSyntax = (detail: string): PatchError => new PatchError(400, 'invalidSyntax', detail);
export const mutability = (detail: string): PatchError => new PatchError(400, 'mutability', detail);
export const noTarget = (detail: string): PatchError => new PatchError(400, 'noTarget', detail);
