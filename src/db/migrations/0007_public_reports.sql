CREATE TABLE "public_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"website_id" uuid,
	"target" varchar(253) NOT NULL,
	"category" varchar(32) NOT NULL,
	"description" text NOT NULL,
	"contact" varchar(100),
	"ip" varchar(64) NOT NULL,
	"user_agent" varchar(256),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "public_reports" ADD CONSTRAINT "public_reports_website_id_websites_id_fk" FOREIGN KEY ("website_id") REFERENCES "public"."websites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "public_reports_ip_created_idx" ON "public_reports" USING btree ("ip","created_at");--> statement-breakpoint
CREATE INDEX "public_reports_created_idx" ON "public_reports" USING btree ("created_at");