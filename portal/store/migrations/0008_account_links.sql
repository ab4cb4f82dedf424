ALTER TABLE "family_accounts" ADD COLUMN "link_request_id" text;--> statement-breakpoint
CREATE INDEX "replica_rows_child" ON "replica_rows" USING btree ("entity",("data"->>'child_id'));