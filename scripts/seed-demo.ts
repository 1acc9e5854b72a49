// `npm run seed:demo -- --learners 100000 --answers 1000000 [--reset]`
// Fills the configured database (DATABASE_URL, else the embedded PGlite in DATA_DIR, as the app chooses) with
// generated demo data for the statistics: learners over the last year going through the lessons in course order
// with drop-off, their quiz attempts and answers, their progress, and workshops held by a few demo facilitators
// with their participants and answers. Every row it writes has an id starting with `demo-` (or belongs to one that
// has), so `--reset` removes them all again; without `--reset` it refuses a database that already holds demo rows.
//
// The bulk of the work is SQL (INSERT … SELECT over generate_series and random()), planned in temporary tables and
// written in one transaction, so a failed run leaves nothing behind. Right or wrong is decided by a logistic model
// (a two-parameter item response model): each learner has an ability, each question a difficulty and a
// discrimination, so the item analysis finds what it is built to find; a few questions are made too easy, too hard
// or misleading on purpose, and each question has one wrong answer that draws more than the others.
//
// The bench (`bench/statistics.ts`) imports `seedDemo` from here. This file imports only modules free of Vite
// (`$lib` aliases and import.meta.glob do not work under tsx): the course is read from curriculum/ the way
// `npm run curriculum:check` reads it, and the question versions are computed as src/lib/server/quizzes does.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { sql, type SQL } from 'drizzle-orm';
import { buildCourse, formatProblemText, type Course } from './seed-demo-course-shim';
import { connectionOptionsFromEnv } from '../src/lib/server/db/config';
import { openConnection, type Database, type DatabaseConnection } from '../src/lib/server/db/connection';
import { applyMigrations } from '../src/lib/server/db/migrate';
import type { Question } from '../src/lib/server/curriculum/schema';
import { choiceIds, correctChoiceIds } from '../src/lib/server/quizzes/scoring';
