CREATE TABLE "application_counts" (
	"region_path" varchar(64) NOT NULL,
	"status" varchar(16) NOT NULL,
	"type" varchar(16) NOT NULL,
	"unit_type" varchar(32) NOT NULL,
	"in_center" boolean NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "application_counts_region_path_status_type_unit_type_in_center_pk" PRIMARY KEY("region_path","status","type","unit_type","in_center")
);
--> statement-breakpoint
CREATE INDEX "application_counts_path_idx" ON "application_counts" USING btree ("region_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "users_role_idx" ON "users" USING btree ("role");--> statement-breakpoint
CREATE INDEX "applications_status_submitted_idx" ON "applications" USING btree ("status","submitted_at","id");--> statement-breakpoint
CREATE INDEX "applications_submitted_idx" ON "applications" USING btree ("submitted_at","id");--> statement-breakpoint
CREATE INDEX "applications_status_due_idx" ON "applications" USING btree ("status","due_at","id") WHERE due_at is not null;