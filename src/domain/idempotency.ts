/** The response an idempotent request gave first, kept so a retry with the same key gets it again. */

export interface StoredResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: unknown;
}
