CREATE TABLE "document_blobs" (
	"sha256" text PRIMARY KEY NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"desk_id" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
