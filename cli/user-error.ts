// An error meant for the person at the terminal: one line, and the exit code it leads to.
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}
