import pino from 'pino';

/**
 * The server's structured logger. Only fields we choose are logged, never headers or bodies; the redact list
 * is a second line of defence should a cookie or token ever be passed in by mistake.
 */
export const log = pino({
	level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
	base: undefined,
	redact: {
		paths: ['cookie', 'cookies', 'token', 'headers', 'body', 'password', '*.cookie', '*.token', '*.password'],
		censor: '[redacted]'
	}
});
