// Test support: the TargetError a promise rejects with (anything else, or no rejection, fails).
import { TargetError } from './target-error.ts';

export async function targetError(p: Promise<unknown>): Promise<TargetError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof TargetError) return err;
    throw new Error(`expected a TargetError, got ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
  }
  throw new Error('expected a TargetError, but the promise resolved');
}
