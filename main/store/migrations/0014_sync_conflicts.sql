CREATE TABLE `sync_conflicts` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`entity` text NOT NULL,
	`row_id` text NOT NULL,
	`versions` text NOT NULL,
	`detected_at` text NOT NULL,
	`resolved_at` text,
	`resolved_by` text,
	`chosen` integer
);
--> statement-breakpoint
CREATE INDEX `sync_conflicts_open_idx` ON `sync_conflicts` (`resolved_at`,`detected_at`);