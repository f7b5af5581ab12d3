CREATE TABLE "site_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trigger" varchar(16) NOT NULL,
	"unit_id" uuid,
	"application_id" uuid,
	"revision" integer,
	"website_id" uuid,
	"requested_by" uuid,
	"english_domain" varchar(253) NOT NULL,
	"ip_addresses" text[] NOT NULL,
	"website_name" varchar(128) NOT NULL,
	"outcome" varchar(8) NOT NULL,
	"findings" jsonb NOT NULL,
	"report" jsonb NOT NULL,
	"explanation" text,
	"started_at" timestamp with time zone NOT NULL,
	"duration_ms" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "site_patrols" (
	"website_id" uuid PRIMARY KEY NOT NULL,
	"next_check_at" timestamp with time zone NOT NULL,
	"claims" integer DEFAULT 0 NOT NULL,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"failing_since" timestamp with time zone,
	"last_check_id" uuid,
	"last_checked_at" timestamp with time zone,
	"last_outcome" varchar(8),
	"notified_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "site_checks" ADD CONSTRAINT "site_checks_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_checks" ADD CONSTRAINT "site_checks_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_checks" ADD CONSTRAINT "site_checks_website_id_websites_id_fk" FOREIGN KEY ("website_id") REFERENCES "public"."websites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_checks" ADD CONSTRAINT "site_checks_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_patrols" ADD CONSTRAINT "site_patrols_website_id_websites_id_fk" FOREIGN KEY ("website_id") REFERENCES "public"."websites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "site_checks_application_idx" ON "site_checks" USING btree ("application_id","started_at");--> statement-breakpoint
CREATE INDEX "site_checks_website_idx" ON "site_checks" USING btree ("website_id","started_at");--> statement-breakpoint
CREATE INDEX "site_checks_requester_idx" ON "site_checks" USING btree ("requested_by","trigger","started_at");--> statement-breakpoint
CREATE INDEX "site_patrols_due_idx" ON "site_patrols" USING btree ("next_check_at");--> statement-breakpoint
CREATE INDEX "site_patrols_failing_idx" ON "site_patrols" USING btree ("consecutive_failures");