CREATE TABLE "notification_fanouts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"step" varchar(16) NOT NULL,
	"region_path" varchar(64) NOT NULL,
	"template" varchar(64) NOT NULL,
	"params" jsonb NOT NULL,
	"idempotency_key" varchar(100) NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_error" text
);
--> statement-breakpoint
CREATE UNIQUE INDEX "notification_fanouts_key_idx" ON "notification_fanouts" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "notification_fanouts_waiting_idx" ON "notification_fanouts" USING btree ("created_at") WHERE "notification_fanouts"."last_error" is null;