CREATE TABLE `event_tokens` (
	`hash` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `event_tokens_event_idx` ON `event_tokens` (`event_id`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`starts_on` text,
	`ends_on` text,
	`place` text DEFAULT '' NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`licence` text DEFAULT 'unpublished' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `boards` ADD `licence` text DEFAULT 'unpublished' NOT NULL;--> statement-breakpoint
ALTER TABLE `boards` ADD `event_id` text REFERENCES events(id);--> statement-breakpoint
ALTER TABLE `boards` ADD `closed_at` integer;