import pino, { type LoggerOptions } from 'pino';

/** Fields that must never reach a log line, at the top level or one level down, should one be passed in by mistake. */
const secretFields = [
	'cookie',
	'cookies',
	'headers',
	'body',
	'password',
	'token',
	'code',
	'resumeCode',
	'joinCode',
	'submissionKey',
	'displayName',
	'email',
	'url',
	'ip',
	'userAgent'
];

export const loggerOptions: LoggerOptions = {
	level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
	base: undefined,
	redact: { paths: secretFields.flatMap((field) => [field, `*.${field}`]), censor: '[redacted]' }
};

/**
 * The server's structured logger. Only fields we choose are logged (the request log: method, route id, status,
 * time), never a raw address, a header or a body; the redact list is a second line of defence.
 */
export const log = pino(loggerOptions);
