CREATE TABLE "application_province_counts" (
	"province" varchar(12) NOT NULL,
	"status" varchar(16) NOT NULL,
	"type" varchar(16) NOT NULL,
	"unit_type" varchar(32) NOT NULL,
	"in_center" boolean NOT NULL,
	"shard" smallint NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "application_province_counts_province_status_type_unit_type_in_center_shard_pk" PRIMARY KEY("province","status","type","unit_type","in_center","shard")
);
