CREATE INDEX `billing_periods_start_idx` ON `billing_periods` (`start_date`);--> statement-breakpoint
CREATE INDEX `closures_date_idx` ON `closures` (`date`);--> statement-breakpoint
CREATE INDEX `holidays_year_idx` ON `holidays` (`school_year_id`,`from_date`);--> statement-breakpoint
CREATE INDEX `invoice_lines_invoice_idx` ON `invoice_lines` (`invoice_id`,`position`);--> statement-breakpoint
CREATE INDEX `invoice_lines_period_school_idx` ON `invoice_lines` (`period_id`,`school_id`);--> statement-breakpoint
CREATE INDEX `invoice_lines_credit_idx` ON `invoice_lines` (`child_id`,`kind`) WHERE kind <> 'meals';--> statement-breakpoint
CREATE INDEX `invoices_family_idx` ON `invoices` (`family_id`,`issued_on`);--> statement-breakpoint
CREATE INDEX `invoices_period_idx` ON `invoices` (`period_id`,`family_id`);--> statement-breakpoint
CREATE INDEX `payment_allocations_invoice_idx` ON `payment_allocations` (`invoice_id`);--> statement-breakpoint
CREATE INDEX `payment_allocations_payment_idx` ON `payment_allocations` (`payment_id`);--> statement-breakpoint
CREATE INDEX `payment_allocations_credit_idx` ON `payment_allocations` (`credit_note_id`);--> statement-breakpoint
CREATE INDEX `payments_family_idx` ON `payments` (`family_id`,`received_on`);--> statement-breakpoint
CREATE INDEX `pending_credits_family_idx` ON `pending_credits` (`family_id`,`applied_invoice_id`);