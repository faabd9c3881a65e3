// SPDX-FileCopyrightText: 2026 Cuepoint contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/Migrations.h"

namespace Cuepoint::Core::Storage {

namespace {

// Times are INTEGER milliseconds since the epoch, UTC; the zone the user chose is kept beside
// the instant. Booleans are 0/1. Only portable SQL here (see architecture.md, PostgreSQL).
constexpr const char *kSchema1 = R"sql(
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    open_id TEXT NOT NULL UNIQUE,
    username TEXT NOT NULL DEFAULT '',
    display_name TEXT NOT NULL DEFAULT '',
    avatar_url TEXT NOT NULL DEFAULT '',
    scopes TEXT NOT NULL DEFAULT '',
    access_expires_at_ms INTEGER,
    refresh_expires_at_ms INTEGER,
    status TEXT NOT NULL CHECK (status IN ('connected', 'reconnect_needed', 'disconnected')),
    is_sandbox INTEGER NOT NULL DEFAULT 0,
    created_at_ms INTEGER NOT NULL,
    updated_at_ms INTEGER NOT NULL
);
CREATE TABLE media_assets (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    size_bytes INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL DEFAULT 0,
    width INTEGER NOT NULL DEFAULT 0,
    height INTEGER NOT NULL DEFAULT 0,
    fps REAL NOT NULL DEFAULT 0,
    video_codec TEXT NOT NULL DEFAULT '',
    is_valid INTEGER,
    probe_json TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '',
    missing INTEGER NOT NULL DEFAULT 0,
    imported_at_ms INTEGER NOT NULL
);
CREATE TABLE posts (
    id INTEGER PRIMARY KEY,
    caption TEXT NOT NULL DEFAULT '',
    video_path TEXT NOT NULL,
    media_asset_id INTEGER REFERENCES media_assets(id) ON DELETE SET NULL,
    cover_timestamp_ms INTEGER NOT NULL DEFAULT 0,
    scheduled_at_ms INTEGER NOT NULL,
    time_zone TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('auto', 'notify')),
    privacy_level TEXT NOT NULL DEFAULT '',
    allow_comments INTEGER NOT NULL DEFAULT 0,
    allow_duet INTEGER NOT NULL DEFAULT 0,
    allow_stitch INTEGER NOT NULL DEFAULT 0,
    brand_organic INTEGER NOT NULL DEFAULT 0,
    branded_content INTEGER NOT NULL DEFAULT 0,
    ai_generated INTEGER NOT NULL DEFAULT 0,
    approval TEXT NOT NULL DEFAULT 'none'
        CHECK (approval IN ('none', 'approved', 'changes_requested')),
    created_at_ms INTEGER NOT NULL,
    updated_at_ms INTEGER NOT NULL
);
CREATE TABLE targets (
    id INTEGER PRIMARY KEY,
    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE RESTRICT,
    state TEXT NOT NULL CHECK (state IN ('draft', 'scheduled', 'awaiting_approval', 'publishing',
        'processing', 'published', 'sent_to_inbox', 'failed', 'unconfirmed', 'held', 'cancelled')),
    publish_id TEXT,
    uploaded_bytes INTEGER NOT NULL DEFAULT 0,
    total_bytes INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error_code TEXT NOT NULL DEFAULT '',
    last_error TEXT NOT NULL DEFAULT '',
    tiktok_post_id TEXT,
    next_attempt_at_ms INTEGER,
    claimed_by TEXT,
    lease_until_ms INTEGER,
    state_changed_at_ms INTEGER NOT NULL,
    UNIQUE (post_id, account_id)
);
CREATE INDEX targets_by_state ON targets(state);
CREATE INDEX targets_by_account ON targets(account_id);
CREATE TABLE journal (
    id INTEGER PRIMARY KEY,
    target_id INTEGER NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
    at_ms INTEGER NOT NULL,
    from_state TEXT,
    to_state TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX journal_by_target ON journal(target_id, id);
CREATE TRIGGER journal_is_append_only BEFORE UPDATE ON journal
BEGIN
    SELECT RAISE(ABORT, 'the journal is append-only');
END;
CREATE TABLE caption_templates (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    body TEXT NOT NULL,
    updated_at_ms INTEGER NOT NULL
);
CREATE TABLE hashtag_lists (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    hashtags TEXT NOT NULL,
    updated_at_ms INTEGER NOT NULL
)
)sql";

// Review links (issue 7/7 builds the server on them) and faster calendar range queries.
constexpr const char *kSchema2 = R"sql(
CREATE INDEX posts_by_time ON posts(scheduled_at_ms);
CREATE TABLE review_links (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL DEFAULT '',
    range_from_ms INTEGER,
    range_to_ms INTEGER,
    created_at_ms INTEGER NOT NULL,
    expires_at_ms INTEGER,
    revoked_at_ms INTEGER,
    last_used_at_ms INTEGER
);
CREATE TABLE review_link_accounts (
    link_id INTEGER NOT NULL REFERENCES review_links(id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    PRIMARY KEY (link_id, account_id)
);
CREATE TABLE review_feedback (
    id INTEGER PRIMARY KEY,
    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    link_id INTEGER REFERENCES review_links(id) ON DELETE SET NULL,
    reviewer_name TEXT NOT NULL DEFAULT '',
    decision TEXT NOT NULL CHECK (decision IN ('approved', 'changes_requested', 'comment')),
    comment TEXT NOT NULL DEFAULT '',
    created_at_ms INTEGER NOT NULL
);
CREATE INDEX review_feedback_by_post ON review_feedback(post_id, id)
)sql";

// One publisher per profile: a single lease row, taken only when free, expired or ours.
constexpr const char *kSchema3 = R"sql(
CREATE TABLE publisher_lease (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    holder_id TEXT NOT NULL,
    host TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    acquired_at_ms INTEGER NOT NULL,
    renewed_at_ms INTEGER NOT NULL,
    expires_at_ms INTEGER NOT NULL
)
)sql";

// What the publisher needs to resume after a crash without ever publishing twice: the upload
// URL TikTok gave (to continue the same upload) and a flag committed before the final chunk is
// sent (from then on only the status may be asked, never a new init). late_ok records that the
// user chose to publish a post that missed its grace period.
constexpr const char *kSchema4 = R"sql(
ALTER TABLE targets ADD COLUMN upload_url TEXT;
ALTER TABLE targets ADD COLUMN final_chunk_sent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE targets ADD COLUMN late_ok INTEGER NOT NULL DEFAULT 0
)sql";

constexpr Migration kMigrations[] = {
    { 1, "posts, targets, journal, accounts, media, caption templates, hashtag lists", kSchema1 },
    { 2, "review links and feedback; posts indexed by time", kSchema2 },
    { 3, "the publisher lease (one publisher per profile)", kSchema3 },
    { 4, "upload checkpoints for resuming a publish after a crash", kSchema4 },
};

} // namespace

std::span<const Migration> migrations()
{
    return kMigrations;
}

} // namespace Cuepoint::Core::Storage
