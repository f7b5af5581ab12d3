-- application_counts (0014) kept in step with applications by a trigger, in the transaction of
-- each change: one row less in the old bucket, one more in the new. The two bucket rows are
-- always locked in key order, so two transactions moving applications between the same two
-- buckets in opposite directions wait for each other instead of deadlocking.
CREATE OR REPLACE FUNCTION application_counts_add(p varchar, s varchar, t varchar, u varchar, c boolean, d integer) RETURNS void AS $$
BEGIN
  INSERT INTO application_counts AS k (region_path, status, type, unit_type, in_center, n) VALUES (p, s, t, u, c, d)
  ON CONFLICT (region_path, status, type, unit_type, in_center) DO UPDATE SET n = k.n + EXCLUDED.n;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION application_counts_track() RETURNS trigger AS $$
DECLARE
  old_key text;
  new_key text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM application_counts_add(NEW.region_path, NEW.status, NEW.type, NEW.unit_type, NEW.chain ? 'center', 1);
    RETURN NULL;
  END IF;
  IF TG_OP = 'DELETE' THEN
    PERFORM application_counts_add(OLD.region_path, OLD.status, OLD.type, OLD.unit_type, OLD.chain ? 'center', -1);
    RETURN NULL;
  END IF;
  old_key := concat_ws('|', OLD.region_path, OLD.status, OLD.type, OLD.unit_type, OLD.chain ? 'center');
  new_key := concat_ws('|', NEW.region_path, NEW.status, NEW.type, NEW.unit_type, NEW.chain ? 'center');
  IF old_key = new_key THEN
    RETURN NULL;
  END IF;
  IF old_key < new_key THEN
    PERFORM application_counts_add(OLD.region_path, OLD.status, OLD.type, OLD.unit_type, OLD.chain ? 'center', -1);
    PERFORM application_counts_add(NEW.region_path, NEW.status, NEW.type, NEW.unit_type, NEW.chain ? 'center', 1);
  ELSE
    PERFORM application_counts_add(NEW.region_path, NEW.status, NEW.type, NEW.unit_type, NEW.chain ? 'center', 1);
    PERFORM application_counts_add(OLD.region_path, OLD.status, OLD.type, OLD.unit_type, OLD.chain ? 'center', -1);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER application_counts_track AFTER INSERT OR DELETE OR UPDATE OF region_path, status, type, unit_type, chain ON applications
  FOR EACH ROW EXECUTE FUNCTION application_counts_track();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION application_counts_clear() RETURNS trigger AS $$
BEGIN
  DELETE FROM application_counts;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER application_counts_truncate AFTER TRUNCATE ON applications
  FOR EACH STATEMENT EXECUTE FUNCTION application_counts_clear();
--> statement-breakpoint
-- The applications already there (a bulk load with triggers off runs the same statement after).
INSERT INTO application_counts (region_path, status, type, unit_type, in_center, n)
  SELECT region_path, status, type, unit_type, chain ? 'center', count(*) FROM applications GROUP BY 1, 2, 3, 4, 5;
