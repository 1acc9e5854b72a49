ALTER TABLE "workshops" ADD COLUMN "joining_open" boolean DEFAULT true NOT NULL;--> statement-breakpoint
-- Workshops whose joining was closed before this column: their code was emptied then.
UPDATE "workshops" SET "joining_open" = false WHERE "join_code" IS NULL;--> statement-breakpoint
ALTER TABLE "workshops" ADD COLUMN "practice" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "workshops" ADD COLUMN "creation_key" text;--> statement-breakpoint
-- Of several invitations to one address, the one that expires last stays.
DELETE FROM "account_links" a USING "account_links" b WHERE a."purpose" = 'invite' AND b."purpose" = 'invite' AND a."email" = b."email" AND (a."expires_at", a."id") < (b."expires_at", b."id");--> statement-breakpoint
CREATE UNIQUE INDEX "account_links_invite_email_idx" ON "account_links" USING btree ("email") WHERE "account_links"."purpose" = 'invite';--> statement-breakpoint
CREATE UNIQUE INDEX "workshops_creation_key_idx" ON "workshops" USING btree ("facilitator_id","creation_key");