CREATE TABLE "number_blocks" (
	"year" integer NOT NULL,
	"kind" text NOT NULL,
	"run_id" text NOT NULL,
	"desk_id" text NOT NULL,
	"first" integer NOT NULL,
	"last" integer NOT NULL,
	"reserved_at" timestamp with time zone NOT NULL,
	CONSTRAINT "number_blocks_year_kind_run_id_pk" PRIMARY KEY("year","kind","run_id"),
	CONSTRAINT "number_blocks_first" UNIQUE("year","kind","first")
);
--> statement-breakpoint
ALTER TABLE "desks" ADD COLUMN "number" integer;--> statement-breakpoint
ALTER TABLE "desks" ADD CONSTRAINT "desks_number_unique" UNIQUE("number");--> statement-breakpoint
-- Desks enrolled before desk numbers existed get theirs in enrolment order.
UPDATE "desks" SET "number" = n.number FROM (SELECT "id", row_number() OVER (ORDER BY "enrolled_at", "id") AS number FROM "desks" WHERE "enrolled_at" IS NOT NULL) AS n WHERE "desks"."id" = n."id";
