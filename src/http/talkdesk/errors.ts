/** The Talkdesk error envelope `{code, message, description, fields}`; its statuses are `CONFLICT_STATUS`. */

const TITLES: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  409: "Conflict",
  413: "Payload too large",
  415: "Unsupported media type",
  429: "Too many requests",
  503: "Service unavailable",
};

export interface TalkdeskError {
  status: number;
  code: string;
  description: string;
  fields: { name: string; description: string }[];
}

/** The body: `message` is the status in words, `description` says what went wrong. */
export const errorBody = (error: TalkdeskError) => ({
  code: error.code,
  message: TITLES[error.status] ?? "Error",
  description: error.description,
  fields: error.fields,
});
