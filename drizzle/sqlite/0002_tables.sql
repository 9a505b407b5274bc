ALTER TABLE `boards` ADD `workshop_id` text REFERENCES boards(id);--> statement-breakpoint
ALTER TABLE `boards` ADD `table_number` integer;