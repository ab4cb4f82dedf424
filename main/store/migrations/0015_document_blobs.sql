CREATE TABLE `server_blobs` (
	`sha256` text PRIMARY KEY NOT NULL,
	`known_at` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `documents` ADD `blob_sha256` text;--> statement-breakpoint
-- Keys travel between desks: two desks that each made their own before they met keep one current key each until a rotation (docs/decisions.md).
DROP INDEX IF EXISTS `document_keys_one_current`;
