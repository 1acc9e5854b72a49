// The privacy notice, written from the registry: the /privacy page in the reader's language, and docs/privacy.md in
// both (`npm run docs:privacy`; a test fails when the committed file differs from what the registry says now).
import { privacyRegistry, type Audience, type Text } from './registry';

export type Locale = keyof Text;

const t = (en: string, es: string): Text => ({ en, es });

const audiences: Record<Audience, Text> = {
	self: t('the person it is about', 'la persona a quien se refiere'),
	room: t('everyone in the workshop room', 'todas las personas en la sala del taller'),
	facilitator: t('the workshop\'s facilitator', 'quien facilita el taller'),
	admins: t('the organization\'s admins', 'las personas administradoras de la organización'),
	nobody: t('nobody: the server uses it, no screen shows it', 'nadie: lo usa el servidor, ninguna pantalla lo muestra')
};

const texts = {
	title: t('Privacy: what this platform keeps', 'Privacidad: qué guarda esta plataforma'),
	intro: t(
		'You can learn here without an account, a name, an email or a phone number. This page lists everything the platform keeps, column by column, with why, who can see it and when it is erased. It is written from the same list the code is checked against, so it cannot fall behind.',
		'Aquí puede aprender sin cuenta, sin nombre, sin correo y sin número de teléfono. Esta página enumera todo lo que guarda la plataforma, columna por columna, con el motivo, quién puede verlo y cuándo se borra. Se escribe a partir de la misma lista con la que se revisa el código, así que no puede quedar desactualizada.'
	),
	neverTitle: t('What we never keep', 'Lo que nunca guardamos'),
	never: [
		t(
			'An account, an email, a phone number or an address from participants (facilitators and admins have accounts). In a workshop you choose the name the facilitator sees, and it is erased after the workshop.',
			'Una cuenta, un correo, un teléfono o una dirección de quienes participan (quienes facilitan y administran sí tienen cuenta). En un taller usted elige el nombre que ve quien facilita, y se borra después del taller.'
		),
		t('Your network (IP) address, your browser or device details, or where you are.', 'Su dirección de red (IP), los datos de su navegador o dispositivo, ni dónde está.'),
		t('The time of day you read or answered anything: only the day.', 'La hora en que leyó o respondió algo: solo el día.'),
		t('Anything sent to another company: no analytics, no advertising, no fonts or scripts from elsewhere.', 'Nada enviado a otra empresa: sin analítica, sin publicidad, sin fuentes ni scripts de otros sitios.')
	],
	deviceTitle: t('On your device', 'En su dispositivo'),
	device: [
		t('`d101_learner` (`__Host-d101_learner` over HTTPS): a random token that links this device to its progress (180 days; made only when you answer a quiz, mark a lesson read, ask for a resume code or join a workshop).', '`d101_learner` (`__Host-d101_learner` con HTTPS): un código aleatorio que une este dispositivo con su progreso (180 días; se crea solo cuando responde un cuestionario, marca una lección como leída, pide un código para continuar o entra a un taller).'),
		t('`PARAGLIDE_LOCALE`: the language you chose.', '`PARAGLIDE_LOCALE`: el idioma que eligió.'),
		t('`d101_text` and `d101_contrast`: the text size and contrast you chose.', '`d101_text` y `d101_contrast`: el tamaño de letra y el contraste que eligió.'),
		t('`d101_session` (`__Host-d101_session` over HTTPS): for facilitators and admins while logged in.', '`d101_session` (`__Host-d101_session` con HTTPS): para quien facilita o administra, mientras tiene la sesión abierta.'),
		t('Pages saved for reading offline, in the browser\'s cache.', 'Páginas guardadas para leer sin conexión, en la caché del navegador.')
	],
	yoursTitle: t('Your data is yours', 'Sus datos son suyos'),
	yours: t(
		'On "My progress" you can download everything the platform keeps about this device (a JSON file), and erase it. Erasing deletes your rows and tells your browser to clear this site\'s cookies, storage and saved pages.',
		'En «Mi progreso» puede descargar todo lo que la plataforma guarda sobre este dispositivo (un archivo JSON) y borrarlo. Al borrar, se eliminan sus filas y se le pide al navegador que elimine las cookies, el almacenamiento y las páginas guardadas de este sitio.'
	),
	logsTitle: t('Logs and backups', 'Registros y copias de seguridad'),
	logs: t(
		'The server writes one line per request: the method, the route, the status and how long it took. Never addresses, cookies, codes, names, query strings or what was sent. Backups hold the tables below as they were; they are deleted after M days, like unseen learners.',
		'El servidor escribe una línea por solicitud: el método, la ruta, el estado y cuánto tardó. Nunca direcciones, cookies, códigos, nombres, parámetros de búsqueda ni lo enviado. Las copias de seguridad guardan las tablas de abajo tal como estaban; se borran tras M días, igual que quienes no vuelven.'
	),
	tablesTitle: t('Everything the database keeps', 'Todo lo que guarda la base de datos'),
	column: t('Column', 'Columna'),
	purpose: t('Why', 'Para qué'),
	seenBy: t('Who sees it', 'Quién lo ve'),
	erased: t('When it goes', 'Cuándo se borra'),
	tableSeenBy: t('Seen by', 'Lo ve'),
	tableErased: t('Erased', 'Se borra'),
	asTable: t('With the table', 'Con la tabla')
};

export interface NoticeColumn {
	name: string;
	purpose: string;
	seenBy: string;
	/** Only where the column goes differently from its table. */
	erased?: string;
}

export interface NoticeTable {
	name: string;
	about: string;
	seenBy: string;
	erased: string;
	columns: NoticeColumn[];
}

const list = (who: Audience[], locale: Locale) => who.map((audience) => audiences[audience][locale]).join('; ');

/** The whole notice in one language: headings, the fixed sections and every table of the registry. */
export function privacyNotice(locale: Locale) {
	const say = (text: Text) => text[locale];
	const tables: NoticeTable[] = Object.entries(privacyRegistry).map(([name, table]) => ({
		name: table.schema ? `${table.schema}.${name}` : name,
		about: say(table.about),
		seenBy: list(table.seenBy, locale),
		erased: say(table.erased),
		columns: Object.entries(table.columns).map(([column, entry]) => ({
			name: column,
			purpose: say(entry.purpose),
			seenBy: list(entry.seenBy ?? table.seenBy, locale),
			erased: entry.erased ? say(entry.erased) : undefined
		}))
	}));
	return {
		title: say(texts.title),
		intro: say(texts.intro),
		sections: [
			{ title: say(texts.neverTitle), items: texts.never.map(say) },
			{ title: say(texts.deviceTitle), items: texts.device.map(say) },
			{ title: say(texts.yoursTitle), items: [say(texts.yours)] },
			{ title: say(texts.logsTitle), items: [say(texts.logs)] }
		],
		tablesTitle: say(texts.tablesTitle),
		labels: {
			column: say(texts.column),
			purpose: say(texts.purpose),
			seenBy: say(texts.seenBy),
			erased: say(texts.erased),
			tableSeenBy: say(texts.tableSeenBy),
			tableErased: say(texts.tableErased),
			asTable: say(texts.asTable)
		},
		tables
	};
}

export type PrivacyNotice = ReturnType<typeof privacyNotice>;

const cell = (text: string) => text.replaceAll('|', '\\|');

function markdownIn(locale: Locale): string {
	const notice = privacyNotice(locale);
	const lines = [`## ${notice.title}`, '', notice.intro, ''];
	for (const section of notice.sections) {
		lines.push(`### ${section.title}`, '');
		if (section.items.length === 1) lines.push(section.items[0], '');
		else lines.push(...section.items.map((item) => `- ${item}`), '');
	}
	lines.push(`### ${notice.tablesTitle}`, '');
	const { labels } = notice;
	for (const table of notice.tables) {
		lines.push(`#### \`${table.name}\``, '', table.about, '');
		lines.push(`- ${labels.tableSeenBy}: ${table.seenBy}`, `- ${labels.tableErased}: ${table.erased}`, '');
		lines.push(`| ${labels.column} | ${labels.purpose} | ${labels.seenBy} | ${labels.erased} |`, '| --- | --- | --- | --- |');
		for (const column of table.columns) {
			lines.push(`| \`${column.name}\` | ${cell(column.purpose)} | ${cell(column.seenBy)} | ${cell(column.erased ?? labels.asTable)} |`);
		}
		lines.push('');
	}
	return lines.join('\n');
}

/** docs/privacy.md: English, then Spanish. */
export function privacyMarkdown(): string {
	return [
		'# Privacy · Privacidad',
		'',
		'<!-- Written by `npm run docs:privacy` from src/lib/server/privacy/registry.ts: edit the registry, not this file. -->',
		'',
		'[English](#privacy-what-this-platform-keeps) · [Español](#privacidad-qué-guarda-esta-plataforma)',
		'',
		markdownIn('en'),
		markdownIn('es')
	].join('\n');
}
