-- Application numbers and badge serials come from sequences: unique across processes without locks.
CREATE SEQUENCE IF NOT EXISTS application_number_seq;
--> statement-breakpoint
CREATE SEQUENCE IF NOT EXISTS badge_serial_seq;
