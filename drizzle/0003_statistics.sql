ALTER TABLE "lesson_progress" ADD COLUMN "started_on" date DEFAULT current_date NOT NULL;--> statement-breakpoint
-- Rows made before this column: the earlier of the day read and the day passed (least() skips a null).
UPDATE "lesson_progress" SET "started_on" = least("read_on", "passed_on") WHERE coalesce("read_on", "passed_on") IS NOT NULL;--> statement-breakpoint
CREATE INDEX "lesson_progress_started_idx" ON "lesson_progress" USING btree ("started_on");--> statement-breakpoint
CREATE INDEX "quiz_attempts_submitted_idx" ON "quiz_attempts" USING btree ("submitted_on");--> statement-breakpoint
CREATE INDEX "workshops_held_idx" ON "workshops" USING btree ("held_on");