/**
 * Applications of units lo…hi (K a unit, over the years since 2016), with their revisions,
 * history, review decisions and — for the last year, as the audit log's retention keeps — audit
 * events: one statement of data-modifying CTEs per batch, all set-based.
 *
 * A unit's applications k = 0…K−1 are spread in time; k = 0 is the 新开办网站申请 that created its
 * website, the later ones 资格复核 (65 %) and 变更 (30 %); only the newest can still be open (the
 * database allows one open application per website): 60 % approved, 15 % 待编办审核, 8 % 待中心审核,
 * 4 % 待纸质材料确认, 5 % 退回修改, 4 % 草稿, 4 % 撤回 (注销 for 5 % of the open ones). The older ones
 * are 93 % approved and 7 % withdrawn; 10 % of the decided ones were returned once and resubmitted.
 */
export const applicationsBatchSql = `
WITH base AS MATERIALIZED (
  SELECT b.*, k, (k = $3::int - 1) AS last,
         ('x' || substr(md5(b.n || ':' || k), 1, 7))::bit(28)::int AS h
  FROM bench_units b CROSS JOIN generate_series(0, $3::int - 1) k
  WHERE b.n BETWEEN $1::int AND $2::int
), typed AS (
  SELECT base.*, h % 1000 AS r,
    CASE WHEN k = 0 THEN 'new_site'
         WHEN last AND (h / 1000) % 100 >= 95 THEN 'deregister'
         WHEN (h / 1000) % 100 < 65 THEN 're_review' ELSE 'change' END AS type
  FROM base
), raw AS (
  SELECT typed.*,
    CASE WHEN NOT last THEN (CASE WHEN r < 930 THEN 'approved' ELSE 'withdrawn' END)
         WHEN r < 600 THEN 'approved' WHEN r < 750 THEN 'pending_office' WHEN r < 830 THEN 'pending_center'
         WHEN r < 870 THEN 'pending_paper' WHEN r < 920 THEN 'returned' WHEN r < 960 THEN 'draft' ELSE 'withdrawn' END AS raw_status,
    CASE WHEN type = 'deregister' THEN 1 WHEN unit_type = 'party_government' THEN 3 ELSE 2 END AS chain_len
  FROM typed
), st AS (
  SELECT raw.*,
    CASE WHEN type = 'deregister' AND raw_status = 'approved' THEN 'pending_office'
         WHEN raw_status = 'pending_paper' AND chain_len < 3 THEN (CASE WHEN chain_len = 2 THEN 'pending_center' ELSE 'pending_office' END)
         WHEN raw_status = 'pending_center' AND chain_len < 2 THEN 'pending_office'
         ELSE raw_status END AS status
  FROM raw
), a AS MATERIALIZED (
  SELECT st.*,
    bench_id('a' || n || ':' || k) AS id,
    CASE WHEN status IN ('approved', 'pending_office', 'pending_center', 'pending_paper') AND (h >> 20) % 10 = 0 THEN 2 ELSE 1 END AS revs,
    CASE WHEN NOT last THEN timestamptz '2016-01-01 09:00+08' + (($4::timestamptz - timestamptz '2016-01-01 09:00+08') / $3::int) * (k + (h % 10000) / 12500.0)
         WHEN status IN ('approved', 'withdrawn') THEN $4::timestamptz - interval '1 day' * (30 + h % 300)
         ELSE $4::timestamptz - interval '1 hour' * (2 + h % 600) END AS created_at,
    (ARRAY['["office"]', '["office", "center"]', '["office", "center", "paper"]'])[chain_len]::jsonb AS chain,
    bench_id('h' || n) AS handler_id,
    ((n - 1) * $3::int + k + 1)::text AS serial
  FROM st
), payloads AS MATERIALIZED (
  SELECT a.*,
    CASE WHEN type = 'deregister' THEN jsonb_build_object('type', type, 'websiteId', bench_id('w' || n), 'reason', '机构职能调整，网站整合至上级部门网站', 'handler', handler)
    ELSE jsonb_build_object('type', type, CASE WHEN type = 'new_site' THEN 'domainId' ELSE 'websiteId' END, bench_id(CASE WHEN type = 'new_site' THEN 'd' ELSE 'w' END || n),
      'hosting', hosting, 'websiteName', website_name, 'englishDomain', english_domain,
      'ipAddresses', CASE WHEN ip IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(ip) END,
      'description', website_name || '是' || unit_name || '的门户网站，发布政务信息、办事指南和政策解读' || CASE WHEN k % 3 = 1 THEN '，提供在线办事服务' ELSE '' END || '。',
      'redPage', CASE WHEN hosting = 'red_page' THEN jsonb_build_object('address', address, 'functions', functions, 'phone', phone) ELSE NULL END,
      'handler', handler) END AS payload,
    created_at + interval '1 hour' AS submitted_at,
    'SQ' || to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY') || lpad(serial, 8, '0') AS number
  FROM a
), apps AS (
  INSERT INTO applications (id, number, type, status, unit_id, region_path, unit_type, website_id, domain_id, chain, step_index, step, due_at,
    revision, payload, created_by, submitted_at, decided_at, version, created_at, updated_at)
  SELECT id, number, type, status, unit_id, region_path, unit_type,
    CASE WHEN type = 'new_site' AND status <> 'approved' THEN NULL ELSE bench_id('w' || n) END, bench_id('d' || n), chain,
    CASE status WHEN 'pending_center' THEN 1 WHEN 'pending_paper' THEN 2 WHEN 'approved' THEN chain_len - 1 ELSE 0 END,
    CASE status WHEN 'pending_office' THEN 'office' WHEN 'pending_center' THEN 'center' WHEN 'pending_paper' THEN 'paper' END,
    CASE WHEN status LIKE 'pending_%' THEN submitted_at + interval '7 days' END,
    revs, payload, handler_id, CASE WHEN status NOT IN ('draft', 'withdrawn') THEN submitted_at END,
    CASE WHEN status IN ('approved', 'returned', 'withdrawn') THEN submitted_at + interval '1 day' * (chain_len + revs) END,
    1 + chain_len, created_at, submitted_at + interval '1 day' * (chain_len + revs)
  FROM payloads
), revisions AS (
  INSERT INTO application_revisions (application_id, revision, payload, content_hash, warnings, created_by, created_at)
  SELECT id, rev, payload, encode(sha256(convert_to(payload::text || rev, 'UTF8')), 'hex'), '[]'::jsonb, handler_id, created_at + interval '1 day' * (rev - 1)
  FROM payloads CROSS JOIN LATERAL generate_series(1, revs) rev
), events AS MATERIALIZED (
  SELECT p.id, p.n, p.number, p.region_code, p.status AS app_status, p.submitted_at, p.h, e.*,
    CASE e.actor WHEN 'handler' THEN p.handler_id WHEN 'office' THEN bench_id('o' || p.region_code || 'a') ELSE bench_id('c' || (p.h % 20)) END AS actor_id,
    CASE e.actor WHEN 'handler' THEN 'jb' || p.n WHEN 'office' THEN 'bs' || p.region_code || 'a' ELSE 'zx' || lpad((p.h % 20 + 1)::text, 2, '0') END AS actor_username,
    p.submitted_at + interval '1 day' * e.seq + interval '1 minute' * (p.h % 400) AS at
  FROM payloads p
  JOIN bench_paths e ON e.status = p.status AND e.chain_len = p.chain_len AND e.revs = p.revs
), history AS (
  INSERT INTO application_history (application_id, event, from_status, to_status, step, revision, actor_id, at, note)
  SELECT id, event, from_status, to_status, step, revision, actor_id, at, '{}'::jsonb FROM events ORDER BY id, seq
), decisions AS (
  INSERT INTO review_decisions (application_id, revision, step, decision, reasons, reviewer_id, created_at)
  SELECT id, revision, step, event,
    CASE WHEN event = 'return' THEN '[{"field": "description", "reason": "网站简介未写明主要栏目和服务内容，请补充后重新上报"}]'::jsonb ELSE '[]'::jsonb END,
    actor_id, at
  FROM events WHERE event IN ('approve', 'return')
), audit AS (
  INSERT INTO audit_events (at, actor_id, actor_username, action, target_type, target_id, result, ip, user_agent, details, prev_hash, hash)
  SELECT at, actor_id, actor_username, 'application_' || event, 'application', id::text, 'success',
    '10.' || (h % 200) || '.' || (n % 250) || '.' || (n % 199 + 1), 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
    jsonb_build_object('number', number, 'from', from_status, 'to', to_status, 'step', step, 'revision', revision),
    encode(sha256(convert_to('prev' || id || seq, 'UTF8')), 'hex'), encode(sha256(convert_to('hash' || id || seq, 'UTF8')), 'hex')
  FROM events WHERE at >= $4::timestamptz - interval '1 year'
)
SELECT (SELECT count(*) FROM payloads) AS applications, (SELECT count(*) FROM events) AS events`;
