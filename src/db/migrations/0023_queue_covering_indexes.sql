DROP INDEX "applications_queue_idx";--> statement-breakpoint
DROP INDEX "applications_submitted_idx";--> statement-breakpoint
DROP INDEX "applications_pending_region_due_idx";--> statement-breakpoint
DROP INDEX "applications_pending_status_region_due_idx";--> statement-breakpoint
CREATE INDEX "applications_status_region_submitted_idx" ON "applications" USING btree ("status","region_path" text_pattern_ops,"submitted_at","id");--> statement-breakpoint
CREATE INDEX "applications_submitted_region_idx" ON "applications" USING btree ("submitted_at","id","status","region_path");--> statement-breakpoint
CREATE INDEX "applications_pending_region_cover_idx" ON "applications" USING btree ("region_path" text_pattern_ops,"due_at","status","step","submitted_at","id") WHERE due_at is not null;--> statement-breakpoint
CREATE INDEX "applications_pending_status_region_cover_idx" ON "applications" USING btree ("status","region_path" text_pattern_ops,"due_at","id","type","unit_type") WHERE due_at is not null;--> statement-breakpoint
-- The queue's pages and counts are chosen from these indexes without reading rows only where the
-- visibility map says the rows' pages are all visible: vacuum after 1 % of the rows changed (not
-- the default 20 %: 2,000,000 changes at national scale), so decisions do not wear that away.
ALTER TABLE "applications" SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01);
