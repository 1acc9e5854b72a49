CREATE TABLE "stats_rollups" (
	"name" text PRIMARY KEY NOT NULL,
	"rolled_through" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stats_self_paced_days" (
	"day" date NOT NULL,
	"lesson_id" text NOT NULL,
	"started" integer NOT NULL,
	"completed" integer NOT NULL,
	"attempts" integer NOT NULL,
	"passed" integer NOT NULL,
	"score_sum" integer NOT NULL,
	"score_bands" integer[] NOT NULL,
	CONSTRAINT "stats_self_paced_days_day_lesson_id_pk" PRIMARY KEY("day","lesson_id")
);
--> statement-breakpoint
CREATE INDEX "lesson_progress_completed_idx" ON "lesson_progress" USING btree (greatest("read_on", "passed_on"));