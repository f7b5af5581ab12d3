CREATE TABLE "zones" (
	"apex" varchar(63) PRIMARY KEY NOT NULL,
	"serial" bigint NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dns_records" ADD COLUMN "spec" jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "zone_changes" ADD COLUMN "zone" varchar(63) NOT NULL;--> statement-breakpoint
CREATE INDEX "zone_changes_zone_serial_idx" ON "zone_changes" USING btree ("zone","serial");