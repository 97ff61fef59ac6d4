DROP INDEX "knowledge_articles_search_idx";--> statement-breakpoint
ALTER TABLE "knowledge_articles" ADD COLUMN "review_flagged_for" date;--> statement-breakpoint
ALTER TABLE "knowledge_articles" ADD COLUMN "title_doc" "tsvector" GENERATED ALWAYS AS (ts_filter(search_doc, '{a,b}')) STORED;--> statement-breakpoint
CREATE INDEX "knowledge_articles_title_search_idx" ON "knowledge_articles" USING gin ("title_doc") WITH (fastupdate=false) WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "knowledge_articles_search_en_idx" ON "knowledge_articles" USING gin ("search_doc") WITH (fastupdate=false) WHERE status = 'published' AND locale = 'en';--> statement-breakpoint
CREATE INDEX "knowledge_articles_title_search_en_idx" ON "knowledge_articles" USING gin ("title_doc") WITH (fastupdate=false) WHERE status = 'published' AND locale = 'en';--> statement-breakpoint
CREATE INDEX "knowledge_articles_search_zh_cn_idx" ON "knowledge_articles" USING gin ("search_doc") WITH (fastupdate=false) WHERE status = 'published' AND locale = 'zh-CN';--> statement-breakpoint
CREATE INDEX "knowledge_articles_title_search_zh_cn_idx" ON "knowledge_articles" USING gin ("title_doc") WITH (fastupdate=false) WHERE status = 'published' AND locale = 'zh-CN';--> statement-breakpoint
CREATE INDEX "knowledge_articles_search_vi_idx" ON "knowledge_articles" USING gin ("search_doc") WITH (fastupdate=false) WHERE status = 'published' AND locale = 'vi';--> statement-breakpoint
CREATE INDEX "knowledge_articles_title_search_vi_idx" ON "knowledge_articles" USING gin ("title_doc") WITH (fastupdate=false) WHERE status = 'published' AND locale = 'vi';--> statement-breakpoint
CREATE INDEX "knowledge_articles_search_idx" ON "knowledge_articles" USING gin ("search_doc") WITH (fastupdate=false) WHERE status = 'published';