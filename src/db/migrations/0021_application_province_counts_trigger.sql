-- application_province_counts (0020) kept by the counts trigger of 0015, in the same transaction:
-- besides the region's bucket, the province's bucket of the same key, in one of 4 shards chosen
-- by the application's id (its -1 and +1 land in the same shard), so concurrent decisions in a
-- province rarely wait on one row. Rows are locked in the same order by every change: the
-- region table's two rows in key order first, then the province table's in key order, so two
-- transactions moving applications in opposite directions wait instead of deadlocking.
CREATE OR REPLACE FUNCTION application_province_counts_add(p varchar, s varchar, t varchar, u varchar, c boolean, h smallint, d integer) RETURNS void AS $$
BEGIN
  INSERT INTO application_province_counts AS k (province, status, type, unit_type, in_center, shard, n) VALUES (p, s, t, u, c, h, d)
  ON CONFLICT (province, status, type, unit_type, in_center, shard) DO UPDATE SET n = k.n + EXCLUDED.n;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION application_counts_track() RETURNS trigger AS $$
DECLARE
  old_key text;
  new_key text;
  old_province text;
  new_province text;
  shard smallint;
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM application_counts_add(NEW.region_path, NEW.status, NEW.type, NEW.unit_type, NEW.chain ? 'center', 1);
    PERFORM application_province_counts_add(split_part(NEW.region_path, '/', 1), NEW.status, NEW.type, NEW.unit_type, NEW.chain ? 'center', (hashtext(NEW.id::text) & 3)::smallint, 1);
    RETURN NULL;
  END IF;
  IF TG_OP = 'DELETE' THEN
    PERFORM application_counts_add(OLD.region_path, OLD.status, OLD.type, OLD.unit_type, OLD.chain ? 'center', -1);
    PERFORM application_province_counts_add(split_part(OLD.region_path, '/', 1), OLD.status, OLD.type, OLD.unit_type, OLD.chain ? 'center', (hashtext(OLD.id::text) & 3)::smallint, -1);
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
  old_province := split_part(OLD.region_path, '/', 1);
  new_province := split_part(NEW.region_path, '/', 1);
  old_key := concat_ws('|', old_province, OLD.status, OLD.type, OLD.unit_type, OLD.chain ? 'center');
  new_key := concat_ws('|', new_province, NEW.status, NEW.type, NEW.unit_type, NEW.chain ? 'center');
  IF old_key = new_key THEN
    RETURN NULL;
  END IF;
  shard := (hashtext(NEW.id::text) & 3)::smallint;
  IF old_key < new_key THEN
    PERFORM application_province_counts_add(old_province, OLD.status, OLD.type, OLD.unit_type, OLD.chain ? 'center', shard, -1);
    PERFORM application_province_counts_add(new_province, NEW.status, NEW.type, NEW.unit_type, NEW.chain ? 'center', shard, 1);
  ELSE
    PERFORM application_province_counts_add(new_province, NEW.status, NEW.type, NEW.unit_type, NEW.chain ? 'center', shard, 1);
    PERFORM application_province_counts_add(old_province, OLD.status, OLD.type, OLD.unit_type, OLD.chain ? 'center', shard, -1);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION application_counts_clear() RETURNS trigger AS $$
BEGIN
  DELETE FROM application_counts;
  DELETE FROM application_province_counts;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- The applications already there, from the region counts (not 10,000,000 rows): all in shard 0;
-- later changes add to and take from any shard, so one shard alone may go below zero, the sum not.
DELETE FROM application_province_counts;
--> statement-breakpoint
INSERT INTO application_province_counts (province, status, type, unit_type, in_center, shard, n)
  SELECT split_part(region_path, '/', 1), status, type, unit_type, in_center, 0, sum(n) FROM application_counts GROUP BY 1, 2, 3, 4, 5;
