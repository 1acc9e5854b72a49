CREATE TABLE "workshop_answers" (
	"workshop_id" text NOT NULL,
	"participant_id" text NOT NULL,
	"lesson_id" text NOT NULL,
	"question_id" text NOT NULL,
	"question_version" text NOT NULL,
	"chosen" jsonb NOT NULL,
	"correct" boolean NOT NULL,
	CONSTRAINT "workshop_answers_participant_id_lesson_id_question_id_pk" PRIMARY KEY("participant_id","lesson_id","question_id")
);
--> statement-breakpoint
CREATE TABLE "workshop_participants" (
	"id" text PRIMARY KEY NOT NULL,
	"workshop_id" text NOT NULL,
	"learner_id" text NOT NULL,
	"display_name" text NOT NULL,
	"is_group" boolean DEFAULT false NOT NULL,
	"removed" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workshops" (
	"id" text PRIMARY KEY NOT NULL,
	"facilitator_id" text NOT NULL,
	"title" text NOT NULL,
	"held_on" date NOT NULL,
	"location_label" text,
	"region" text,
	"agenda" jsonb NOT NULL,
	"join_code" text,
	"join_expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"open_question_id" text,
	"revealed" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "workshop_answers" ADD CONSTRAINT "workshop_answers_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_answers" ADD CONSTRAINT "workshop_answers_participant_id_workshop_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."workshop_participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_participants" ADD CONSTRAINT "workshop_participants_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_participants" ADD CONSTRAINT "workshop_participants_learner_id_learners_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."learners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshops" ADD CONSTRAINT "workshops_facilitator_id_users_id_fk" FOREIGN KEY ("facilitator_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "workshop_answers_question_idx" ON "workshop_answers" USING btree ("workshop_id","lesson_id","question_id");--> statement-breakpoint
CREATE UNIQUE INDEX "workshop_participants_learner_idx" ON "workshop_participants" USING btree ("workshop_id","learner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "workshops_join_code_idx" ON "workshops" USING btree ("join_code");--> statement-breakpoint
CREATE INDEX "workshops_facilitator_idx" ON "workshops" USING btree ("facilitator_id");