// `npm run user:create -- --role admin --email ada@example.org [--name "Ada"]`
// Creates a facilitator or admin on the configured database. The password is read from the terminal without
// echo, or from the first line of standard input when it is piped, and never from the command line.
import { parseArgs } from 'node:util';
import readline from 'node:readline';
import * as accounts from '../src/lib/server/auth/accounts';
import { connectionOptionsFromEnv } from '../src/lib/server/db/config';
import { openConnection } from '../src/lib/server/db/connection';
import { applyMigrations } from '../src/lib/server/db/migrate';
import { roles, type Role } from '../src/lib/server/db/schema';

const problems: Record<string, string> = {
	email_taken: 'an account with this email already exists',
	email_invalid: 'that is not an email address',
	name_invalid: 'the name must be 1 to 80 characters',
	too_short: 'the password needs at least 8 characters (12 or more is better)',
	too_long: 'the password may have at most 128 characters',
	common: 'that password is too common; choose another'
};

async function readPassword(): Promise<string> {
	if (!process.stdin.isTTY) {
		const lines = readline.createInterface({ input: process.stdin });
		for await (const line of lines) return line;
		return '';
	}
	process.stdout.write('Password: ');
	process.stdin.setRawMode(true);
	let password = '';
	for await (const chunk of process.stdin) {
		for (const char of String(chunk)) {
			if (char === '\r' || char === '\n') {
				process.stdin.setRawMode(false);
				process.stdout.write('\n');
				return password;
			}
			if (char === '\u0003') process.exit(130);
			password = char === '\u007f' ? password.slice(0, -1) : password + char;
		}
	}
	return password;
}

const { values } = parseArgs({
	options: { role: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' } }
});
if (!values.email || !roles.includes(values.role as Role)) {
	console.error('Usage: npm run user:create -- --role admin|facilitator --email someone@example.org [--name "Their name"]');
	process.exit(2);
}

const password = await readPassword();
const connection = await openConnection(connectionOptionsFromEnv(process.env)).catch((error: Error) => {
	console.error(`error: ${error.message}`);
	process.exit(1);
});
try {
	await applyMigrations(connection);
	const result = await accounts.create(connection.db, {
		email: values.email,
		displayName: values.name ?? values.email.split('@')[0],
		password,
		role: values.role as Role
	});
	if ('problem' in result) {
		console.error(`error: ${problems[result.problem]}`);
		process.exitCode = 1;
	} else {
		console.log(`Created ${result.user.role} ${result.user.email}.`);
	}
} finally {
	await connection.close();
}
