CREATE TABLE `document_key_recovery` (
	`id` integer PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`kdf` text NOT NULL,
	`public_key` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `document_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`recovery_wrap` text,
	`is_current` integer DEFAULT false NOT NULL,
	`is_legacy` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE `documents` ADD `key_id` text;--> statement-breakpoint
CREATE INDEX `documents_key_idx` ON `documents` (`key_id`);--> statement-breakpoint
-- One current key at most.
CREATE UNIQUE INDEX `document_keys_one_current` ON `document_keys` (`is_current`) WHERE `is_current` = 1;
