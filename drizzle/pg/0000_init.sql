CREATE TABLE "boards" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"join_code" text NOT NULL,
	"participant_generation" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"licence" text DEFAULT 'unpublished' NOT NULL,
	"event_id" text,
	"closed_at" timestamp (3) with time zone,
	CONSTRAINT "boards_join_code_unique" UNIQUE("join_code")
);
--> statement-breakpoint
CREATE TABLE "event_tokens" (
	"hash" text PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"starts_on" text,
	"ends_on" text,
	"place" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"licence" text DEFAULT 'unpublished' NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "moderation_log" (
	"id" serial PRIMARY KEY NOT NULL,
	"board_id" text NOT NULL,
	"action" text NOT NULL,
	"note_id" text NOT NULL,
	"note" text,
	"actor_id" text,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "yjs_snapshots" (
	"board_id" text NOT NULL,
	"doc" text DEFAULT 'board' NOT NULL,
	"data" "bytea" NOT NULL,
	"last_update_id" integer NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "yjs_snapshots_board_id_doc_pk" PRIMARY KEY("board_id","doc")
);
--> statement-breakpoint
CREATE TABLE "tokens" (
	"hash" text PRIMARY KEY NOT NULL,
	"board_id" text NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "yjs_updates" (
	"id" integer NOT NULL,
	"board_id" text NOT NULL,
	"doc" text DEFAULT 'board' NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "yjs_updates_board_id_id_pk" PRIMARY KEY("board_id","id")
);
--> statement-breakpoint
ALTER TABLE "boards" ADD CONSTRAINT "boards_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_tokens" ADD CONSTRAINT "event_tokens_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_log" ADD CONSTRAINT "moderation_log_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "yjs_snapshots" ADD CONSTRAINT "yjs_snapshots_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tokens" ADD CONSTRAINT "tokens_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "yjs_updates" ADD CONSTRAINT "yjs_updates_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_tokens_event_idx" ON "event_tokens" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "moderation_board_idx" ON "moderation_log" USING btree ("board_id","id");--> statement-breakpoint
CREATE INDEX "tokens_board_idx" ON "tokens" USING btree ("board_id");--> statement-breakpoint
CREATE INDEX "yjs_updates_doc_idx" ON "yjs_updates" USING btree ("board_id","doc","id");