/** ApiError and the one error handler that shapes every JSON error. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, STATUS_OF, type ErrorBody } from '../src/lib/shared/errors';

export class ApiError extends Error {
	constructor(
		readonly code: ErrorCode,
		message: string
	) {
		super(message);
	}
	get status(): number {
		return STATUS_OF[this.code];
	}
}

export function errorBody(code: ErrorCode, message: string): ErrorBody {
	return { error: { code, message } };
}

/** Maps Fastify's own errors (bad JSON, body too large, validation) to our codes. */
function fromFastify(error: FastifyError): ApiError {
	if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new ApiError(ErrorCode.tooLarge, 'The request body is too large.');
	if (error.validation) return new ApiError(ErrorCode.validation, `Invalid request: ${error.message}`);
	if (error.statusCode === 429) return new ApiError(ErrorCode.tooMany, error.message);
	if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
		return new ApiError(ErrorCode.badRequest, error.message);
	}
	return new ApiError(ErrorCode.internal, 'Something went wrong on the server.');
}

export function toJsonError(error: FastifyError | ApiError, request: FastifyRequest, reply: FastifyReply) {
	const apiError = error instanceof ApiError ? error : fromFastify(error);
	if (apiError.code === ErrorCode.internal) request.log.error({ err: error }, 'request failed');
	return reply.code(apiError.status).type('application/json').send(errorBody(apiError.code, apiError.message));
}
