CREATE TABLE `staff_accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`login` text NOT NULL,
	`display_name` text NOT NULL,
	`roles` text NOT NULL,
	`health_permission` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`password_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`last_login_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_accounts_login_unique` ON `staff_accounts` (`login`);--> statement-breakpoint
-- The per-OS-account agent names are superseded by the staff accounts' names (issue 9).
DELETE FROM `settings` WHERE `key` LIKE 'agent.name.%';
