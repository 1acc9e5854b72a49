// `npm run data:purge`: erases now what retention would erase at the next hourly run (the server also runs it at
// start and every hour): participants of workshops ended more than N hours ago, learners not seen for M days, and
// embedded-database backups older than M days. N and M are the admin's settings. Prints what it erased: counts only.
import { backupsFolder, connectionOptionsFromEnv } from '../src/lib/server/db/config';
import { openConnection } from '../src/lib/server/db/connection';
import { applyMigrations } from '../src/lib/server/db/migrate';
import { purge } from '../src/lib/server/privacy/retention';

const options = connectionOptionsFromEnv(process.env);
const connection = await openConnection(options);
try {
	await applyMigrations(connection);
	const purged = await purge(connection.db, new Date(), { backupsDir: backupsFolder(options) });
	console.log(
		`Erased the participants of ${purged.workshops} workshop(s) (${purged.participants} participant(s)), ` +
			`${purged.learners} inactive learner(s) and ${purged.backups} old backup(s).`
	);
} finally {
	await connection.close();
}
