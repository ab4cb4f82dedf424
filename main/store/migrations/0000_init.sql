CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`family_id` text,
	`before` text,
	`after` text
);
--> statement-breakpoint
CREATE INDEX `audit_family_idx` ON `audit_log` (`family_id`,`at`);--> statement-breakpoint
CREATE TABLE `children` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`last_name` text NOT NULL,
	`first_name` text NOT NULL,
	`birth_date` text NOT NULL,
	`school_id` text,
	`class_name` text,
	`enrolled_from` text NOT NULL,
	`enrolled_to` text,
	`diet_need` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `children_family_idx` ON `children` (`family_id`);--> statement-breakpoint
CREATE INDEX `children_school_idx` ON `children` (`school_id`);--> statement-breakpoint
CREATE TABLE `documents` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text,
	`child_id` text,
	`kind` text NOT NULL,
	`stored_name` text NOT NULL,
	`original_name` text,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`is_health` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `documents_stored_name_unique` ON `documents` (`stored_name`);--> statement-breakpoint
CREATE INDEX `documents_family_idx` ON `documents` (`family_id`);--> statement-breakpoint
CREATE TABLE `families` (
	`id` text PRIMARY KEY NOT NULL,
	`dossier_number` integer NOT NULL,
	`family_name` text NOT NULL,
	`status` text NOT NULL,
	`address_line1` text NOT NULL,
	`address_line2` text,
	`postal_code` text NOT NULL,
	`city` text NOT NULL,
	`notes` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `families_dossier_number_unique` ON `families` (`dossier_number`);--> statement-breakpoint
CREATE INDEX `families_status_name_idx` ON `families` (`status`,`family_name`);--> statement-breakpoint
CREATE TABLE `family_summaries` (
	`family_id` text PRIMARY KEY NOT NULL,
	`guardians` text NOT NULL,
	`children` text NOT NULL,
	`child_count` integer NOT NULL,
	`email` text,
	`phone` text,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `guardians` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`rank` integer NOT NULL,
	`last_name` text NOT NULL,
	`first_name` text NOT NULL,
	`is_payer` integer NOT NULL,
	`email` text,
	`phone_mobile` text,
	`phone_home` text,
	`phone_work` text,
	`address_line1` text,
	`address_line2` text,
	`postal_code` text,
	`city` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `guardians_family_rank_unique` ON `guardians` (`family_id`,`rank`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`hlc` text NOT NULL,
	`node` text NOT NULL,
	`entity` text NOT NULL,
	`row_id` text NOT NULL,
	`field` text NOT NULL,
	`value` text,
	`sent_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_id_unique` ON `outbox` (`id`);--> statement-breakpoint
CREATE INDEX `outbox_unsent_idx` ON `outbox` (`sent_at`,`seq`);--> statement-breakpoint
CREATE TABLE `qf_records` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`value` integer NOT NULL,
	`tranche` integer NOT NULL,
	`proof_received_on` text,
	`valid_from` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `qf_family_idx` ON `qf_records` (`family_id`,`valid_from`);--> statement-breakpoint
CREATE TABLE `requests` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text,
	`child_id` text,
	`type` text NOT NULL,
	`status` text NOT NULL,
	`received_on` text NOT NULL,
	`handled_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`family_id`) REFERENCES `families`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `requests_status_idx` ON `requests` (`status`);--> statement-breakpoint
CREATE TABLE `rhythms` (
	`id` text PRIMARY KEY NOT NULL,
	`child_id` text NOT NULL,
	`weekdays` text NOT NULL,
	`effective_from` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rhythms_child_idx` ON `rhythms` (`child_id`,`effective_from`);--> statement-breakpoint
CREATE TABLE `schools` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`address` text NOT NULL,
	`head_name` text,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `schools_code_unique` ON `schools` (`code`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
