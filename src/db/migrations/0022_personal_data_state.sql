CREATE TABLE "personal_data_state" (
	"id" smallint PRIMARY KEY NOT NULL,
	"all_sealed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "personal_data_state_one_row" CHECK ("personal_data_state"."id" = 1)
);
