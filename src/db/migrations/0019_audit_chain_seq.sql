ALTER TABLE "audit_events" ADD COLUMN "chain_seq" bigint;--> statement-breakpoint
ALTER TABLE "audit_events_archive" ADD COLUMN "chain_seq" bigint;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_events_chain_order_idx" ON "audit_events" USING btree ((coalesce("chain_seq", "id"))) WHERE "audit_events"."hash" is not null;--> statement-breakpoint
CREATE INDEX "audit_events_unsealed_idx" ON "audit_events" USING btree ("id") WHERE "audit_events"."hash" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_events_archive_chain_order_idx" ON "audit_events_archive" USING btree ((coalesce("chain_seq", "id")));--> statement-breakpoint
-- Writers no longer chain their events (issue 10: the chain lock made every audited transaction
-- in the system wait in one line): an event is inserted unsealed in its transaction, and the
-- sealer gives it prev_hash, hash and its place (chain_seq) after it has committed. Events sealed
-- before this migration keep chain_seq null: their place is their id (chain order is
-- coalesce(chain_seq, id)), which needs no rewrite of the table; the sealer numbers new events
-- after the largest place there is. The three chain columns are filled together or not at all.
ALTER TABLE audit_events DROP CONSTRAINT audit_events_chained;
--> statement-breakpoint
ALTER TABLE audit_events ADD CONSTRAINT audit_events_sealed_whole
  CHECK ((hash IS NULL) = (prev_hash IS NULL) AND (chain_seq IS NULL OR hash IS NOT NULL)) NOT VALID;
--> statement-breakpoint
-- Still append-only, with the same two narrow exceptions as before (0012), the seal now also
-- setting chain_seq:
--  * UPDATE that only fills in the chain columns of a row that has none (sealing);
--  * DELETE of a row already copied, with the same hash, to audit_events_archive (retention).
CREATE OR REPLACE FUNCTION audit_events_guard() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND OLD.hash IS NULL AND OLD.prev_hash IS NULL AND OLD.chain_seq IS NULL
     AND NEW.hash IS NOT NULL AND NEW.prev_hash IS NOT NULL AND NEW.chain_seq IS NOT NULL
     AND (NEW.id, NEW.at, NEW.actor_id, NEW.actor_username, NEW.action, NEW.target_type, NEW.target_id, NEW.result, NEW.ip, NEW.user_agent, NEW.details)
         IS NOT DISTINCT FROM
         (OLD.id, OLD.at, OLD.actor_id, OLD.actor_username, OLD.action, OLD.target_type, OLD.target_id, OLD.result, OLD.ip, OLD.user_agent, OLD.details) THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' AND OLD.hash IS NOT NULL
     AND EXISTS (SELECT 1 FROM audit_events_archive a WHERE a.id = OLD.id AND a.hash = OLD.hash) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
