namespace SlackOigSync.Storage;

/// <summary>Schema changes in order. Never edit a shipped migration: add the next one.</summary>
public static class Migrations
{
    public static readonly IReadOnlyList<(int Version, string Sql)> All =
    [
        (1, """
            CREATE TABLE sync_execution_log (
                execution_id              TEXT    NOT NULL PRIMARY KEY,
                start_time                TEXT    NOT NULL,
                end_time                  TEXT,
                duration_seconds          REAL,
                status                    TEXT    NOT NULL,
                total_slack_users         INTEGER NOT NULL DEFAULT 0,
                total_entitlements_synced INTEGER NOT NULL DEFAULT 0,
                assignments_added         INTEGER NOT NULL DEFAULT 0,
                assignments_removed       INTEGER NOT NULL DEFAULT 0,
                users_not_in_okta         TEXT    NOT NULL DEFAULT '[]',
                error_message             TEXT,
                dry_run                   INTEGER NOT NULL DEFAULT 0,
                exit_code                 INTEGER,
                changes_failed            INTEGER NOT NULL DEFAULT 0,
                api_requests              INTEGER NOT NULL DEFAULT 0,
                api_retries               INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX ix_sync_execution_log_start ON sync_execution_log (start_time);

            CREATE TABLE system_role_mapping (
                slack_role_id             TEXT NOT NULL PRIMARY KEY,
                slack_role_name           TEXT NOT NULL,
                okta_entitlement_id       TEXT NOT NULL,
                okta_entitlement_value_id TEXT NOT NULL,
                created_at                TEXT NOT NULL,
                last_synced               TEXT NOT NULL
            );

            CREATE TABLE sync_change_audit (
                id                        INTEGER PRIMARY KEY AUTOINCREMENT,
                execution_id              TEXT NOT NULL REFERENCES sync_execution_log (execution_id),
                action                    TEXT NOT NULL,
                slack_user_id             TEXT,
                email                     TEXT,
                okta_user_id              TEXT,
                slack_role_id             TEXT,
                okta_entitlement_value_id TEXT,
                outcome                   TEXT NOT NULL,
                error                     TEXT,
                recorded_at               TEXT NOT NULL
            );
            CREATE INDEX ix_sync_change_audit_execution ON sync_change_audit (execution_id);
            """),
        (2, """
            -- One row: which execution may apply changes, until when. A dead holder's lease simply expires.
            CREATE TABLE sync_lease (
                name       TEXT NOT NULL PRIMARY KEY,
                holder     TEXT NOT NULL,
                expires_at TEXT NOT NULL
            );
            """),
        (3, """
            -- Time spent waiting on rate limits (retry delays and pacing), in milliseconds.
            ALTER TABLE sync_execution_log ADD COLUMN api_wait_ms INTEGER NOT NULL DEFAULT 0;
            """),
    ];
}
