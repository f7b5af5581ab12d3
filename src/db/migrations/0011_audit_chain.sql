CREATE TABLE "audit_archive_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"cutoff" timestamp with time zone NOT NULL,
	"first_id" bigint NOT NULL,
	"last_id" bigint NOT NULL,
	"rows" integer NOT NULL,
	"last_hash" char(64) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_events_archive" (
	"id" bigint PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"actor_username" varchar(64),
	"action" varchar(64) NOT NULL,
	"target_type" varchar(32),
	"target_id" varchar(64),
	"result" varchar(16) NOT NULL,
	"ip" varchar(64),
	"user_agent" varchar(512),
	"details" jsonb NOT NULL,
	"prev_hash" char(64) NOT NULL,
	"hash" char(64) NOT NULL,
	"archived_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "prev_hash" char(64);--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "hash" char(64);--> statement-breakpoint
CREATE INDEX "audit_events_archive_at_idx" ON "audit_events_archive" USING btree ("at");