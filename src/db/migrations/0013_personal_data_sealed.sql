ALTER TABLE "contact_verifications" ALTER COLUMN "address" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "mobile" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "email" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "totp_secret" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "totp_pending_secret" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "to_address" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "mobile_hash" char(64);--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "to_address_hash" char(64);--> statement-breakpoint
CREATE INDEX "users_mobile_hash_idx" ON "users" USING btree ("mobile_hash");--> statement-breakpoint
CREATE INDEX "notifications_to_hash_idx" ON "notifications" USING btree ("to_address_hash","created_at");