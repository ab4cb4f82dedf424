CREATE TABLE "sync_messages" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sync_messages_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"id" text NOT NULL,
	"desk_id" text NOT NULL,
	"hlc" text NOT NULL,
	"node" text NOT NULL,
	"entity" text NOT NULL,
	"row_id" text NOT NULL,
	"field" text NOT NULL,
	"value" text,
	"schema_version" integer NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sync_messages_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE INDEX "sync_messages_row" ON "sync_messages" USING btree ("entity","row_id","field");