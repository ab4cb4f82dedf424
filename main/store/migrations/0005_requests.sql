ALTER TABLE `documents` ADD `request_id` text REFERENCES requests(id);--> statement-breakpoint
ALTER TABLE `requests` ADD `details` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `requests` ADD `missing_pieces` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `decision` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `decided_at` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `decided_by` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `letter_note` text;