-- Personal data still in clear (rows from before encryption): partial indexes that hold only
-- those rows, so the sealing pass at every start finds "none left" without scanning the tables
-- (db/personal-data/reencrypt.ts repeats these predicates word for word, so the planner uses them).
CREATE INDEX IF NOT EXISTS "users_mobile_clear_idx" ON "users" ("id") WHERE "mobile" NOT LIKE 'sm4:%';--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "users_email_clear_idx" ON "users" ("id") WHERE "email" NOT LIKE 'sm4:%';--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "users_totp_secret_clear_idx" ON "users" ("id") WHERE "totp_secret" NOT LIKE 'sm4:%';--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "users_totp_pending_secret_clear_idx" ON "users" ("id") WHERE "totp_pending_secret" NOT LIKE 'sm4:%';--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "contact_verifications_address_clear_idx" ON "contact_verifications" ("id") WHERE "address" NOT LIKE 'sm4:%';--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "notifications_to_address_clear_idx" ON "notifications" ("id") WHERE "to_address" NOT LIKE 'sm4:%';--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "applications_payload_clear_idx" ON "applications" ("id") WHERE (payload #>> '{handler,mobile}') NOT LIKE 'sm4:%' OR (payload #>> '{handler,email}') NOT LIKE 'sm4:%' OR (payload #>> '{handler,idNumber}') NOT LIKE 'sm4:%';--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "application_revisions_payload_clear_idx" ON "application_revisions" ("id") WHERE (payload #>> '{handler,mobile}') NOT LIKE 'sm4:%' OR (payload #>> '{handler,email}') NOT LIKE 'sm4:%' OR (payload #>> '{handler,idNumber}') NOT LIKE 'sm4:%';
