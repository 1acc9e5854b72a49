CREATE TABLE "stats_workshop_answers" (
	"workshop_id" text NOT NULL,
	"lesson_id" text NOT NULL,
	"question_id" text NOT NULL,
	"question_version" text NOT NULL,
	"sitting_correct" integer NOT NULL,
	"answered" integer NOT NULL,
	"correct" integer NOT NULL,
	CONSTRAINT "stats_workshop_answers_pk" PRIMARY KEY("workshop_id","lesson_id","question_id","question_version","sitting_correct")
);
--> statement-breakpoint
CREATE TABLE "stats_workshop_attendance" (
	"workshop_id" text PRIMARY KEY NOT NULL,
	"attendance" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stats_workshop_sittings" (
	"workshop_id" text NOT NULL,
	"lesson_id" text NOT NULL,
	"answered" integer NOT NULL,
	"correct" integer NOT NULL,
	"sittings" integer NOT NULL,
	CONSTRAINT "stats_workshop_sittings_pk" PRIMARY KEY("workshop_id","lesson_id","answered","correct")
);
--> statement-breakpoint
CREATE TABLE "stats_workshop_wrong_choices" (
	"workshop_id" text NOT NULL,
	"lesson_id" text NOT NULL,
	"question_id" text NOT NULL,
	"question_version" text NOT NULL,
	"choice" text NOT NULL,
	"times" integer NOT NULL,
	CONSTRAINT "stats_workshop_wrong_choices_pk" PRIMARY KEY("workshop_id","lesson_id","question_id","question_version","choice")
);
--> statement-breakpoint
ALTER TABLE "stats_workshop_answers" ADD CONSTRAINT "stats_workshop_answers_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stats_workshop_attendance" ADD CONSTRAINT "stats_workshop_attendance_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stats_workshop_sittings" ADD CONSTRAINT "stats_workshop_sittings_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stats_workshop_wrong_choices" ADD CONSTRAINT "stats_workshop_wrong_choices_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;