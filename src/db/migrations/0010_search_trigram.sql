-- Public search (机构名称, 域名, 网站名称 by substring) backed by indexes instead of a scan.
-- pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it. On PGlite it
-- is loaded by openPglite (src/db/client.ts).
-- Trigrams need a UTF-8 database whose LC_CTYPE is not "C" (C.UTF-8, zh_CN.UTF-8…) so that Chinese
-- characters count as word characters; queries of 3 characters or more use the GIN indexes.
-- Shorter queries cannot use trigrams and match from the start of the field: the btree
-- text_pattern_ops indexes below serve them.
-- These indexes are not declared in src/db/schema (drizzle-kit cannot create the extension first).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "units_name_trgm_idx" ON "units" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "websites_name_trgm_idx" ON "websites" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "websites_english_domain_trgm_idx" ON "websites" USING gin ("english_domain" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "domains_name_trgm_idx" ON "domains" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "domains_ace_trgm_idx" ON "domains" USING gin ("ace" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "units_name_prefix_idx" ON "units" USING btree ("name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "websites_name_prefix_idx" ON "websites" USING btree ("name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "websites_english_domain_prefix_idx" ON "websites" USING btree ("english_domain" text_pattern_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "domains_name_prefix_idx" ON "domains" USING btree ("name" text_pattern_ops);
