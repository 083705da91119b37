/** A client-credentials token request (RFC 6749 §4.4) read into one decision, and the OAuth errors it can end in. */

export const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "invalid_scope"
  | "unauthorized_client"
  | "unsupported_grant_type";

export interface OAuthError {
  error: OAuthErrorCode;
  description: string;
}

/** The form fields of a token request, and the client id and secret of an HTTP Basic header if one came. */
export interface TokenRequest {
  grant_type?: string;
  scope?: string;
  client_id?: string;
  client_secret?: string;
  client_assertion_type?: string;
  client_assertion?: string;
  basic?: { clientId: string; secret: string };
}

/** How the client proves who it is; exactly one way per request (RFC 6749 §2.3). */
export type ClientProof =
  | { kind: "secret"; clientId: string; secret: string }
  | { kind: "assertion"; clientId: string | undefined; assertion: string };

export function readTokenRequest(request: TokenRequest): ClientProof | OAuthError {
  if (!request.grant_type) return { error: "invalid_request", description: "grant_type is required." };
  if (request.grant_type !== "client_credentials")
    return {
      error: "unsupported_grant_type",
      description: "Only the client_credentials grant is supported.",
    };
  const ways = [
    request.basic !== undefined,
    request.client_secret !== undefined,
    request.client_assertion !== undefined || request.client_assertion_type !== undefined,
  ].filter(Boolean).length;
  if (ways > 1) return { error: "invalid_request", description: "Authenticate the client one way only." };
  if (request.basic) return { kind: "secret", ...request.basic };
  if (request.client_secret !== undefined) {
    if (!request.client_id)
      return { error: "invalid_request", description: "client_id is required with client_secret." };
    return { kind: "secret", clientId: request.client_id, secret: request.client_secret };
  }
  if (request.client_assertion !== undefined || request.client_assertion_type !== undefined) {
    if (request.client_assertion_type !== JWT_BEARER)
      return { error: "invalid_client", description: `client_assertion_type must be ${JWT_BEARER}.` };
    if (!request.client_assertion)
      return { error: "invalid_request", description: "client_assertion is required." };
    return { kind: "assertion", clientId: request.client_id, assertion: request.client_assertion };
  }
  return {
    error: "invalid_client",
    description: "Authenticate the client with HTTP Basic or a client_assertion.",
  };
}

export const isOAuthError = (value: object): value is OAuthError => "error" in value;
