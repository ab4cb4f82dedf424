CREATE TABLE "replica_rows" (
	"entity" text NOT NULL,
	"row_id" text NOT NULL,
	"data" jsonb NOT NULL,
	"clocks" jsonb NOT NULL,
	CONSTRAINT "replica_rows_entity_row_id_pk" PRIMARY KEY("entity","row_id")
);
--> statement-breakpoint
CREATE INDEX "replica_rows_family" ON "replica_rows" USING btree ("entity",("data"->>'family_id'));--> statement-breakpoint
-- The rows of the messages already stored (a server that synced desks before this version).
INSERT INTO "replica_rows" ("entity", "row_id", "data", "clocks")
SELECT "entity", "row_id", jsonb_object_agg("field", COALESCE("value"::jsonb, 'null'::jsonb)), jsonb_object_agg("field", "hlc")
FROM (SELECT DISTINCT ON ("entity", "row_id", "field") "entity", "row_id", "field", "value", "hlc" FROM "sync_messages" ORDER BY "entity", "row_id", "field", "hlc" COLLATE "C" DESC) AS "latest"
GROUP BY "entity", "row_id";
