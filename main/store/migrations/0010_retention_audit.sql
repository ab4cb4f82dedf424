CREATE TABLE `purge_in_progress` (
	`id` integer PRIMARY KEY NOT NULL,
	`started_at` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `families` ADD `purge_after` text;--> statement-breakpoint
CREATE INDEX `families_purge_idx` ON `families` (`status`,`purge_after`);--> statement-breakpoint
-- The purge dates kept until now in settings (`purge_after.<famille>`) move into the column.
UPDATE `families` SET `purge_after` = (SELECT `value` FROM `settings` WHERE `key` = 'purge_after.' || `families`.`id`)
  WHERE EXISTS (SELECT 1 FROM `settings` WHERE `key` = 'purge_after.' || `families`.`id`);
--> statement-breakpoint
DELETE FROM `settings` WHERE `key` LIKE 'purge\_after.%' ESCAPE '\';
--> statement-breakpoint
-- Files that reached « radié » or « archivé » without a date (created so by an import): the last
-- day a child was enrolled (else the last change of the file) plus the retention period.
UPDATE `families` SET `purge_after` = date(
    COALESCE((SELECT MAX(`enrolled_to`) FROM `children` WHERE `children`.`family_id` = `families`.`id`), substr(`updated_at`, 1, 10)),
    '+' || COALESCE((SELECT CAST(`value` AS INTEGER) FROM `settings` WHERE `key` = 'retention.years' AND CAST(`value` AS INTEGER) >= 1), 3) || ' years')
  WHERE `status` IN ('radiated', 'archived') AND `purge_after` IS NULL;
--> statement-breakpoint
-- The audit is append-only: no UPDATE, no DELETE, except while the purge (and only it) holds the
-- one-row flag, and then only to erase an entry's before/after.
CREATE TRIGGER `audit_log_append_only_update` BEFORE UPDATE ON `audit_log`
  WHEN NOT EXISTS (SELECT 1 FROM `purge_in_progress`)
    OR NEW.`id` IS NOT OLD.`id` OR NEW.`at` IS NOT OLD.`at` OR NEW.`actor` IS NOT OLD.`actor`
    OR NEW.`action` IS NOT OLD.`action` OR NEW.`entity` IS NOT OLD.`entity` OR NEW.`entity_id` IS NOT OLD.`entity_id`
    OR NEW.`family_id` IS NOT OLD.`family_id` OR NEW.`before` IS NOT NULL OR NEW.`after` IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'Le journal d’audit est en ajout seul (ni modification ni suppression).');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_append_only_delete` BEFORE DELETE ON `audit_log`
BEGIN
  SELECT RAISE(ABORT, 'Le journal d’audit est en ajout seul (ni modification ni suppression).');
END;
