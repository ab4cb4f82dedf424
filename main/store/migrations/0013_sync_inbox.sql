CREATE TABLE `sync_field_clocks` (
	`entity` text NOT NULL,
	`row_id` text NOT NULL,
	`field` text NOT NULL,
	`hlc` text NOT NULL,
	PRIMARY KEY(`entity`, `row_id`, `field`)
);
--> statement-breakpoint
CREATE TABLE `sync_inbox` (
	`entity` text NOT NULL,
	`row_id` text NOT NULL,
	`field` text NOT NULL,
	`value` text,
	`hlc` text NOT NULL,
	PRIMARY KEY(`entity`, `row_id`, `field`)
);
