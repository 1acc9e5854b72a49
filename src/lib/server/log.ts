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

export interface ErrorSummary {
	/** The error's class, and its causes' classes, outermost first. */
	names: string[];
	/** PostgreSQL's SQLSTATE or Node's error code, when one is given (`code` itself is a redacted field). */
	errorCode?: string;
	/** Where it was thrown: the outermost error's stack frames, without its message. */
	frames: string[];
}

/**
 * What an error may put in a log: its kind, its code and where it was thrown. Never its message: a failed query's
 * message carries the query's parameters (a name typed in the room, a code, an email), and so do some causes.
 */
export function errorSummary(error: unknown): ErrorSummary {
	const names: string[] = [];
	let errorCode: string | undefined;
	for (let current: unknown = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
		names.push(current instanceof Error ? current.name : typeof current);
		const candidate = (current as { code?: unknown }).code;
		if (!errorCode && typeof candidate === 'string' && /^[A-Z0-9_]{2,32}$/.test(candidate)) errorCode = candidate;
	}
	const stack = error instanceof Error ? (error.stack ?? '') : '';
	const frames = stack
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line.startsWith('at '))
		.slice(0, 10);
	return { names, errorCode, frames };
}
