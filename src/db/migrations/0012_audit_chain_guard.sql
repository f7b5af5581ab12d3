-- The audit log's hash chain (issue 10): new rows must carry their SM3 chain hashes; rows written
-- before the chain existed are sealed once by the application (SM3 is not available in SQL),
-- hence NOT VALID: the check applies to every row inserted or updated from now on.
ALTER TABLE audit_events ADD CONSTRAINT audit_events_chained CHECK (hash IS NOT NULL AND prev_hash IS NOT NULL) NOT VALID;
--> statement-breakpoint
-- Still append-only, with two narrow exceptions:
--  * UPDATE that only fills in the chain hashes of a row that has none (the one-time seal);
--  * DELETE of a row already copied, with the same hash, to audit_events_archive (retention).
CREATE OR REPLACE FUNCTION audit_events_guard() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND OLD.hash IS NULL AND OLD.prev_hash IS NULL AND NEW.hash IS NOT NULL AND NEW.prev_hash IS NOT NULL
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
--> statement-breakpoint
DROP TRIGGER audit_events_no_update ON audit_events;
--> statement-breakpoint
CREATE TRIGGER audit_events_guard BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_guard();
--> statement-breakpoint
-- The archive and its anchors are append-only without exception.
CREATE TRIGGER audit_events_archive_no_change BEFORE UPDATE OR DELETE ON audit_events_archive
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_archive_no_truncate BEFORE TRUNCATE ON audit_events_archive
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_archive_runs_no_change BEFORE UPDATE OR DELETE ON audit_archive_runs
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_archive_runs_no_truncate BEFORE TRUNCATE ON audit_archive_runs
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
