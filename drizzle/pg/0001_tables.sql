ALTER TABLE "boards" ADD COLUMN "workshop_id" text;--> statement-breakpoint
ALTER TABLE "boards" ADD COLUMN "table_number" integer;--> statement-breakpoint
ALTER TABLE "boards" ADD CONSTRAINT "boards_workshop_id_boards_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."boards"("id") ON DELETE no action ON UPDATE no action;