// The privacy registry: every column of every table, with why it exists, who can see it, and when and how it goes.
// tests/integration/privacy-registry.test.ts compares it with the live schema of both databases, so a column
// cannot be added without saying here what it is for; docs/privacy.md and the /privacy page are written from it.

export type Text = { en: string; es: string };

/** Who can see a value, on a screen or in a download. */
export type Audience = 'self' | 'room' | 'facilitator' | 'admins' | 'nobody';

export interface ColumnPrivacy {
	purpose: Text;
	/** Defaults to the table's. */
	seenBy?: Audience[];
	/** Defaults to the table's. */
	erased?: Text;
}

export interface TablePrivacy {
	/** PostgreSQL schema; `public` unless said. */
	schema?: string;
	about: Text;
	seenBy: Audience[];
	erased: Text;
	columns: Record<string, ColumnPrivacy>;
}

const t = (en: string, es: string): Text => ({ en, es });

// Erasure rules shared by several tables, said once.
const withWorkshopParticipants = t(
	'N hours after the workshop ends (set by admins; 24 by default; a workshop nobody ended counts as ended when the day after it was held is over), at once when the facilitator ends the workshop and erases it, or when the facilitator deletes the workshop. Deleted, not hidden; the statistics keep counts only, except of a deleted workshop, which keep nothing.',
	'N horas después de que termina el taller (lo fijan las personas administradoras; 24 por defecto; un taller que nadie terminó cuenta como terminado al acabar el día siguiente a su realización), de inmediato si quien facilita termina y borra el taller, o cuando quien facilita elimina el taller. Se elimina, no se oculta; las estadísticas guardan solo conteos, salvo de un taller eliminado, del que no guardan nada.'
);
const withLearner = t(
	'With the learner: when they erase their data on "My progress", or after M days without a visit (set by admins; 180 by default).',
	'Con la persona que aprende: cuando borra sus datos en «Mi progreso», o tras M días sin visitas (lo fijan las personas administradoras; 180 por defecto).'
);
const withAccount = t(
	'With the account. Accounts are deactivated, not deleted, from the app; deleting one in the database deletes this too.',
	'Con la cuenta. Desde la aplicación las cuentas se desactivan, no se eliminan; eliminarla en la base de datos elimina esto también.'
);
const withWorkshop = t(
	'Kept with the workshop record, which holds no participant data; deleted when the facilitator deletes the workshop, or with the facilitator\'s account.',
	'Se guarda con el registro del taller, que no contiene datos de participantes; se elimina cuando quien facilita elimina el taller, o con la cuenta de quien facilita.'
);
const workshopCountsKept = t(
	'Kept with the workshop record: counts only, with no name and no link to anyone\'s device. Screens show counts under five as "<5". Deleted with the workshop when the facilitator deletes it.',
	'Se guarda con el registro del taller: solo conteos, sin nombres ni vínculo con el dispositivo de nadie. Las pantallas muestran los conteos menores de cinco como «<5». Se elimina con el taller cuando quien facilita lo elimina.'
);
const aggregatesKept = t(
	'Kept: counts only, with nobody in them.',
	'Se guarda: solo conteos, sin ninguna persona en ellos.'
);

// Columns that mean the same in every table that has them.
const randomId: ColumnPrivacy = { purpose: t('A random identifier.', 'Un identificador aleatorio.'), seenBy: ['nobody'] };
const whichWorkshop: ColumnPrivacy = { purpose: t('Which workshop.', 'Qué taller.') };
const whichLesson: ColumnPrivacy = { purpose: t('Which lesson.', 'Qué lección.') };
const whichQuestion: ColumnPrivacy = { purpose: t('Which question.', 'Qué pregunta.') };
const questionVersion: ColumnPrivacy = {
	purpose: t('The version of the question as it was answered.', 'La versión de la pregunta tal como se respondió.'),
	seenBy: ['nobody']
};

export const privacyRegistry: Record<string, TablePrivacy> = {
	learners: {
		about: t(
			'Anonymous learners: one per device (or per resume code). No name, email, phone, address or device details.',
			'Personas que aprenden, anónimas: una por dispositivo (o por código para continuar). Sin nombre, correo, teléfono, dirección ni datos del dispositivo.'
		),
		seenBy: ['nobody'],
		erased: withLearner,
		columns: {
			id: { purpose: t('A random identifier linking the learner\'s progress.', 'Un identificador aleatorio que une el progreso de la persona.') },
			token_hash: {
				purpose: t(
					'A hash of the random token in the device\'s cookie; the token itself is never stored.',
					'Un hash del código aleatorio guardado en la cookie del dispositivo; el código mismo nunca se guarda.'
				)
			},
			resume_code_hash: {
				purpose: t(
					'A hash of the resume code, only if the learner asked for one to continue on another device.',
					'Un hash del código para continuar, solo si la persona pidió uno para seguir en otro dispositivo.'
				)
			},
			created_on: { purpose: t('The day (not the time) the learner first came.', 'El día (no la hora) de la primera visita.'), seenBy: ['self'] },
			last_seen_on: {
				purpose: t('The day of the latest visit: what the M-day retention counts from.', 'El día de la última visita: desde ahí se cuentan los M días.'),
				seenBy: ['self']
			}
		}
	},
	lesson_progress: {
		about: t('Where a learner stands in each lesson.', 'En qué punto está cada persona en cada lección.'),
		seenBy: ['self'],
		erased: withLearner,
		columns: {
			learner_id: { purpose: t('Whose progress this is.', 'De quién es este progreso.'), seenBy: ['nobody'] },
			lesson_id: whichLesson,
			started_on: { purpose: t('The day the lesson was started.', 'El día en que empezó la lección.') },
			read_on: { purpose: t('The day it was read to the end.', 'El día en que la leyó hasta el final.') },
			passed_on: { purpose: t('The day its quiz was passed.', 'El día en que aprobó su cuestionario.') }
		}
	},
	quiz_attempts: {
		about: t('Each quiz a learner submitted, with its score.', 'Cada cuestionario que una persona envió, con su puntuación.'),
		seenBy: ['self'],
		erased: withLearner,
		columns: {
			id: randomId,
			learner_id: { purpose: t('Whose attempt this is.', 'De quién es este intento.'), seenBy: ['nobody'] },
			lesson_id: { purpose: t('Which lesson\'s quiz.', 'El cuestionario de qué lección.') },
			submission_key: {
				purpose: t(
					'A random key made with the form, so a submission sent twice on a weak connection counts once.',
					'Una clave aleatoria creada con el formulario, para que un envío repetido por mala conexión cuente una vez.'
				),
				seenBy: ['nobody']
			},
			correct_count: { purpose: t('How many answers were right.', 'Cuántas respuestas fueron correctas.') },
			total: { purpose: t('How many questions there were.', 'Cuántas preguntas había.') },
			percent: { purpose: t('The score.', 'La puntuación.') },
			passed: { purpose: t('Whether the score passed.', 'Si la puntuación aprobó.') },
			submitted_on: { purpose: t('The day (not the time) it was sent.', 'El día (no la hora) del envío.') }
		}
	},
	attempt_answers: {
		about: t(
			'The answer chosen for each question of an attempt. Admins see them only as totals per question.',
			'La respuesta elegida en cada pregunta de un intento. Las personas administradoras solo las ven como totales por pregunta.'
		),
		seenBy: ['self'],
		erased: withLearner,
		columns: {
			attempt_id: { purpose: t('Which attempt.', 'Qué intento.'), seenBy: ['nobody'] },
			question_id: whichQuestion,
			question_version: questionVersion,
			chosen: { purpose: t('The options chosen.', 'Las opciones elegidas.') },
			correct: { purpose: t('Whether the answer was right.', 'Si la respuesta fue correcta.') }
		}
	},
	workshops: {
		about: t(
			'Workshops as the facilitator set them up, and the live state of the room.',
			'Los talleres tal como los prepara quien facilita, y el estado en vivo de la sala.'
		),
		seenBy: ['facilitator', 'admins'],
		erased: withWorkshop,
		columns: {
			id: randomId,
			facilitator_id: { purpose: t('Who runs the workshop.', 'Quién facilita el taller.') },
			title: { purpose: t('The title, shown in the room.', 'El título, que se ve en la sala.'), seenBy: ['room', 'facilitator', 'admins'] },
			held_on: { purpose: t('The day it is held.', 'El día en que se realiza.') },
			active_on: {
				purpose: t(
					'The last day the workshop was planned, joined or moved on: a workshop nobody ended is taken as ended the day after this day or its own, whichever is later, and never later than four days after its own.',
					'El último día en que se planeó el taller, alguien se unió o avanzó: un taller que nadie terminó se da por terminado el día después de esta fecha o de la suya, la que sea más tarde, y nunca más de cuatro días después de la suya.'
				)
			},
			location_label: {
				purpose: t(
					'An optional label for the place, typed by the facilitator; the form asks for something general, never a street address.',
					'Una etiqueta opcional del lugar, escrita por quien facilita; el formulario pide algo general, nunca una dirección.'
				)
			},
			region: { purpose: t('The region, for regional statistics.', 'La región, para las estadísticas por región.') },
			agenda: { purpose: t('The lessons taught, in order.', 'Las lecciones que se enseñan, en orden.'), seenBy: ['room', 'facilitator', 'admins'] },
			join_code: {
				purpose: t(
					'The code to join; while joining is closed it lets back in only people already in the room.',
					'El código para unirse; con la entrada cerrada, solo deja volver a quienes ya estaban en la sala.'
				),
				seenBy: ['room', 'facilitator'],
				erased: t('Emptied when the workshop ends.', 'Se vacía al terminar el taller.')
			},
			joining_open: { purpose: t('Whether new people may join.', 'Si pueden entrar personas nuevas.'), seenBy: ['room', 'facilitator'] },
			practice: { purpose: t('A practice run, which the statistics leave out.', 'Un ensayo, que las estadísticas no cuentan.') },
			creation_key: {
				purpose: t(
					'A random key from the form that created it, so that sending the form twice creates one workshop.',
					'Una clave al azar del formulario que lo creó, para que enviarlo dos veces cree un solo taller.'
				),
				seenBy: ['nobody']
			},
			join_expires_at: { purpose: t('When joining closes by itself.', 'Cuándo se cierra sola la entrada.') },
			ended_at: { purpose: t('When the workshop ended: what retention counts from.', 'Cuándo terminó el taller: desde ahí cuenta la retención.') },
			erased_at: { purpose: t('When its participants\' data was erased.', 'Cuándo se borraron los datos de sus participantes.') },
			created_at: { purpose: t('When it was created.', 'Cuándo se creó.') },
			position: { purpose: t('The lesson on screen.', 'La lección en pantalla.'), seenBy: ['room', 'facilitator'] },
			open_question_id: { purpose: t('The question open to the room.', 'La pregunta abierta a la sala.'), seenBy: ['room', 'facilitator'] },
			revealed: { purpose: t('Whether the answer is shown.', 'Si la respuesta se muestra.'), seenBy: ['room', 'facilitator'] },
			version: { purpose: t('Orders changes of the room for the phones.', 'Ordena los cambios de la sala para los teléfonos.'), seenBy: ['nobody'] }
		}
	},
	workshop_participants: {
		about: t(
			'The people in a workshop room, under a name they chose (it need not be their own).',
			'Las personas en la sala de un taller, con el nombre que eligieron (no tiene que ser el suyo).'
		),
		seenBy: ['self', 'facilitator'],
		erased: withWorkshopParticipants,
		columns: {
			id: randomId,
			workshop_id: whichWorkshop,
			learner_id: {
				purpose: t('Links the device to its place in the room.', 'Une el dispositivo con su lugar en la sala.'),
				seenBy: ['nobody']
			},
			display_name: { purpose: t('The name chosen to join.', 'El nombre elegido al entrar.') },
			is_group: { purpose: t('Whether a table shares one device.', 'Si una mesa comparte un dispositivo.') },
			removed: {
				purpose: t(
					'Whether the facilitator removed them; the facilitator can let them back in.',
					'Si quien facilita le quitó de la sala; quien facilita puede dejarle volver.'
				)
			}
		}
	},
	workshop_answers: {
		about: t(
			'Answers given in the room. The room sees only totals; the facilitator sees who answered, not what.',
			'Respuestas dadas en la sala. La sala solo ve totales; quien facilita ve quién respondió, no qué.'
		),
		seenBy: ['self'],
		erased: withWorkshopParticipants,
		columns: {
			workshop_id: whichWorkshop,
			participant_id: { purpose: t('Who answered.', 'Quién respondió.'), seenBy: ['nobody'] },
			lesson_id: whichLesson,
			question_id: whichQuestion,
			question_version: questionVersion,
			chosen: { purpose: t('The options chosen.', 'Las opciones elegidas.') },
			correct: { purpose: t('Whether the answer was right.', 'Si la respuesta fue correcta.') }
		}
	},
	stats_self_paced_days: {
		about: t(
			'Self-paced figures per day and lesson, counted once the day is over, so they outlive the learners they count.',
			'Cifras de aprendizaje por cuenta propia por día y lección, contadas al terminar el día, para que duren más que las personas que cuentan.'
		),
		seenBy: ['admins'],
		erased: aggregatesKept,
		columns: {
			day: { purpose: t('The day counted.', 'El día contado.') },
			lesson_id: { purpose: t('The lesson counted.', 'La lección contada.') },
			started: { purpose: t('Lessons started that day.', 'Lecciones empezadas ese día.') },
			completed: { purpose: t('Lessons completed that day.', 'Lecciones completadas ese día.') },
			attempts: { purpose: t('Quizzes sent that day.', 'Cuestionarios enviados ese día.') },
			passed: { purpose: t('Quizzes passed that day.', 'Cuestionarios aprobados ese día.') },
			score_sum: { purpose: t('The sum of scores, for the average.', 'La suma de puntuaciones, para el promedio.') },
			score_bands: { purpose: t('Quizzes in each band of ten points.', 'Cuestionarios en cada franja de diez puntos.') }
		}
	},
	stats_rollups: {
		about: t('How far each count has got.', 'Hasta dónde ha llegado cada conteo.'),
		seenBy: ['nobody'],
		erased: aggregatesKept,
		columns: {
			name: { purpose: t('Which count.', 'Qué conteo.') },
			rolled_through: { purpose: t('The last day counted.', 'El último día contado.') }
		}
	},
	stats_workshop_attendance: {
		about: t(
			'How many people an erased workshop had, kept when its participants are erased.',
			'Cuántas personas tuvo un taller borrado, guardado al borrar a sus participantes.'
		),
		seenBy: ['facilitator', 'admins'],
		erased: workshopCountsKept,
		columns: {
			workshop_id: whichWorkshop,
			attendance: { purpose: t('How many took part (not those removed).', 'Cuántas personas participaron (sin las que se quitaron).') }
		}
	},
	stats_workshop_sittings: {
		about: t(
			'For an erased workshop: how many people answered how many of a lesson\'s questions, and got how many right.',
			'De un taller borrado: cuántas personas respondieron cuántas preguntas de una lección, y cuántas acertaron.'
		),
		seenBy: ['facilitator', 'admins'],
		erased: workshopCountsKept,
		columns: {
			workshop_id: whichWorkshop,
			lesson_id: whichLesson,
			answered: { purpose: t('Questions answered.', 'Preguntas respondidas.') },
			correct: { purpose: t('Of those, right.', 'De ellas, correctas.') },
			sittings: { purpose: t('How many people had exactly that result.', 'Cuántas personas tuvieron justo ese resultado.') }
		}
	},
	stats_workshop_answers: {
		about: t(
			'For an erased workshop: answers per question, for the question analysis.',
			'De un taller borrado: respuestas por pregunta, para el análisis de preguntas.'
		),
		seenBy: ['admins'],
		erased: workshopCountsKept,
		columns: {
			workshop_id: whichWorkshop,
			lesson_id: whichLesson,
			question_id: whichQuestion,
			question_version: questionVersion,
			sitting_correct: {
				purpose: t('The score of the answers\' sittings, to compare stronger and weaker groups.', 'La puntuación de quienes respondieron, para comparar grupos más y menos fuertes.'),
				seenBy: ['nobody']
			},
			answered: { purpose: t('Answers.', 'Respuestas.') },
			correct: { purpose: t('Right answers.', 'Respuestas correctas.') }
		}
	},
	stats_workshop_wrong_choices: {
		about: t(
			'For an erased workshop: how often each wrong option was chosen.',
			'De un taller borrado: cuántas veces se eligió cada opción equivocada.'
		),
		seenBy: ['admins'],
		erased: workshopCountsKept,
		columns: {
			workshop_id: whichWorkshop,
			lesson_id: whichLesson,
			question_id: whichQuestion,
			question_version: questionVersion,
			choice: { purpose: t('The option chosen.', 'La opción elegida.') },
			times: { purpose: t('How often.', 'Cuántas veces.') }
		}
	},
	users: {
		about: t(
			'Facilitators and admins. Participants never have an account.',
			'Personas facilitadoras y administradoras. Quienes participan nunca tienen cuenta.'
		),
		seenBy: ['self', 'admins'],
		erased: withAccount,
		columns: {
			id: randomId,
			email: { purpose: t('To log in and to be invited.', 'Para entrar y recibir invitaciones.') },
			display_name: { purpose: t('The name shown to colleagues.', 'El nombre que ven colegas.') },
			password_hash: { purpose: t('An Argon2id hash of the password; never the password.', 'Un hash Argon2id de la contraseña; nunca la contraseña.'), seenBy: ['nobody'] },
			role: { purpose: t('Facilitator or admin.', 'Facilitación o administración.') },
			active: { purpose: t('Whether the account may log in.', 'Si la cuenta puede entrar.') },
			totp_key: { purpose: t('The key of the second factor, if set up.', 'La clave del segundo factor, si se configuró.'), seenBy: ['nobody'] },
			totp_last_counter: { purpose: t('Stops a second-factor code being used twice.', 'Impide usar dos veces un código del segundo factor.'), seenBy: ['nobody'] },
			created_at: { purpose: t('When the account was made.', 'Cuándo se creó la cuenta.'), seenBy: ['admins'] }
		}
	},
	sessions: {
		about: t('Logged-in sessions of facilitators and admins.', 'Sesiones abiertas de personas facilitadoras y administradoras.'),
		seenBy: ['self'],
		erased: t(
			'On logging out, when the session expires (12 hours idle, 7 days at most; removed by the hourly purge), or when the account is deactivated.',
			'Al salir, cuando la sesión vence (12 horas sin uso, 7 días como máximo; la quita la limpieza de cada hora) o cuando se desactiva la cuenta.'
		),
		columns: {
			id: { purpose: t('The public half of the session token.', 'La mitad pública del código de sesión.'), seenBy: ['nobody'] },
			user_id: { purpose: t('Whose session.', 'De quién es la sesión.'), seenBy: ['nobody'] },
			secret_hash: { purpose: t('A hash of the secret half; the secret is only in the cookie.', 'Un hash de la mitad secreta; el secreto solo está en la cookie.'), seenBy: ['nobody'] },
			two_factor_verified: { purpose: t('Whether the second factor was given.', 'Si se dio el segundo factor.'), seenBy: ['nobody'] },
			created_at: { purpose: t('When it began, for the 7-day limit.', 'Cuándo empezó, para el límite de 7 días.') },
			last_used_at: { purpose: t('When it was last used (to the minute), for the 12-hour limit.', 'Cuándo se usó por última vez (al minuto), para el límite de 12 horas.') }
		}
	},
	recovery_codes: {
		about: t('Hashes of unused second-factor recovery codes.', 'Hashes de los códigos de recuperación del segundo factor sin usar.'),
		seenBy: ['nobody'],
		erased: t('Each when used; all when new ones are made, and with the account.', 'Cada uno al usarse; todos al crear nuevos, y con la cuenta.'),
		columns: {
			user_id: { purpose: t('Whose code.', 'De quién es el código.') },
			code_hash: { purpose: t('A hash of the code; never the code.', 'Un hash del código; nunca el código.') }
		}
	},
	account_links: {
		about: t('Single-use links: the first admin\'s setup link and invitations to facilitators.', 'Enlaces de un solo uso: el de configuración de la primera cuenta y las invitaciones.'),
		seenBy: ['admins'],
		erased: t(
			'When used; the setup link when a new one is made; invitations 30 days after they expire (removed by the hourly purge).',
			'Al usarse; el de configuración al crear uno nuevo; las invitaciones 30 días después de vencer (las quita la limpieza de cada hora).'
		),
		columns: {
			id: { purpose: t('The public half of the link.', 'La mitad pública del enlace.'), seenBy: ['nobody'] },
			secret_hash: { purpose: t('A hash of the secret half.', 'Un hash de la mitad secreta.'), seenBy: ['nobody'] },
			purpose: { purpose: t('Setup or invitation.', 'Configuración o invitación.') },
			email: { purpose: t('The address invited.', 'La dirección invitada.') },
			invited_by: { purpose: t('Who sent the invitation.', 'Quién envió la invitación.'), seenBy: ['nobody'] },
			expires_at: { purpose: t('When the link stops working.', 'Cuándo deja de funcionar el enlace.') }
		}
	},
	login_throttles: {
		about: t(
			'Counts of failed staff logins and second-factor codes, mistyped resume codes and wrong join codes, to slow down guessing. Written only when an attempt fails.',
			'Conteos de entradas fallidas del personal y de códigos del segundo factor, de códigos para continuar mal escritos y de códigos de taller equivocados, para frenar a quien adivina. Solo se escriben cuando falla un intento.'
		),
		seenBy: ['nobody'],
		erased: t(
			'24 hours after the last failure (removed by the hourly purge); an account\'s count also at its next successful login.',
			'24 horas después del último fallo (lo quita la limpieza de cada hora); el de una cuenta también en su siguiente entrada correcta.'
		),
		columns: {
			key: {
				purpose: t(
					'A keyed hash of the email address tried or of the device\'s network address: never the address itself. The key is in this database, so whoever holds it could test guesses; that is why these rows last a day.',
					'Un hash con clave del correo intentado o de la dirección de red del cliente: nunca la dirección misma. La clave está en esta base de datos, así que quien la tenga podría probar conjeturas; por eso estas filas duran un día.'
				)
			},
			failures: { purpose: t('How many failures in a row.', 'Cuántos fallos seguidos.') },
			last_failure_at: { purpose: t('When the last one was.', 'Cuándo fue el último.') },
			locked_until: { purpose: t('Until when logins are refused.', 'Hasta cuándo se rechazan las entradas.') }
		}
	},
	settings: {
		about: t(
			'Organization settings (second factor required, retention periods) and the server\'s own random secret.',
			'Ajustes de la organización (segundo factor obligatorio, plazos de retención) y el secreto aleatorio del servidor.'
		),
		seenBy: ['admins'],
		erased: t('Kept while the platform runs.', 'Se guardan mientras funcione la plataforma.'),
		columns: {
			key: { purpose: t('The setting\'s name.', 'El nombre del ajuste.') },
			value: { purpose: t('Its value.', 'Su valor.') }
		}
	},
	__drizzle_migrations: {
		schema: 'drizzle',
		about: t('Which updates of the database structure have been applied.', 'Qué actualizaciones de la estructura de la base de datos se aplicaron.'),
		seenBy: ['nobody'],
		erased: t('Kept while the platform runs.', 'Se guarda mientras funcione la plataforma.'),
		columns: {
			id: { purpose: t('A sequence number.', 'Un número de orden.') },
			hash: { purpose: t('A fingerprint of the update\'s file.', 'Una huella del archivo de la actualización.') },
			created_at: { purpose: t('The update\'s own date.', 'La fecha propia de la actualización.') }
		}
	}
};

/** Every column the registry lists, as `schema.table.column`. */
export function registeredColumns(): string[] {
	return Object.entries(privacyRegistry).flatMap(([table, entry]) =>
		Object.keys(entry.columns).map((column) => `${entry.schema ?? 'public'}.${table}.${column}`)
	);
}
