CREATE INDEX `documents_request_idx` ON `documents` (`request_id`);--> statement-breakpoint
CREATE INDEX `requests_family_idx` ON `requests` (`family_id`,`received_on`);