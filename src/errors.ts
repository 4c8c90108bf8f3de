/** An error the user caused and can fix: shown to them politely, never logged as a fault. */
export class UserError extends Error {
  override readonly name = "UserError";
}

/** A file that cannot be ingested; `reason` is the one line shown to the user. */
export class IngestError extends UserError {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}
