/**
 * Error codes shared by the HTTP API (`{ error: { code, message } }`) and the
 * websocket close reasons. One definition, imported by client and server.
 */
export const ErrorCode = {
	badRequest: 'bad_request',
	validation: 'validation_failed',
	unauthorized: 'unauthorized',
	forbidden: 'forbidden',
	notFound: 'not_found',
	tooLarge: 'too_large',
	tooMany: 'too_many_requests',
	storageFull: 'storage_full',
	internal: 'internal_error'
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const STATUS_OF: Record<ErrorCode, number> = {
	bad_request: 400,
	validation_failed: 400,
	unauthorized: 401,
	forbidden: 403,
	not_found: 404,
	too_large: 413,
	too_many_requests: 429,
	storage_full: 507,
	internal_error: 500
};

export interface ErrorBody {
	error: { code: ErrorCode; message: string };
}

/**
 * Websocket close codes (4000–4999 are free for applications, RFC 6455 §7.4.2).
 * The close reason is the matching `CloseReason` string.
 */
export const CloseCode = {
	/** The frame could not be decoded (garbage, truncated). */
	malformed: 4400,
	/** A valid update that breaks the board schema, a limit or the sender's rights. */
	refused: 4403,
	/** A frame larger than LIMITS.messageBytes. */
	tooLarge: 4413,
	/** The server could not store the update (disk full); nothing was broadcast. */
	storageFull: 4507,
	/** The board was deleted or the token revoked. */
	revoked: 4401,
	/** The server is shutting down; clients reconnect. */
	shutdown: 4503,
	/** The connection sent messages faster than LIMITS.messagesPerSecond; clients reconnect after a pause. */
	tooFast: 4529
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

export const CloseReason = {
	malformed: 'malformed_message',
	tooLarge: 'message_too_large',
	storageFull: 'storage_full',
	revoked: 'access_revoked',
	shutdown: 'server_shutdown',
	tooFast: 'too_many_messages',
	/** Prefix for refused updates; the rule that failed follows after a colon. */
	refused: 'update_refused'
} as const;
