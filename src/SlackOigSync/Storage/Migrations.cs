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
        (4, """
            -- The sync's memory of who is who: a Slack role holder who cannot be matched today keeps what their
            -- remembered Okta user holds, and a link that moves to another Okta user is reported.
            CREATE TABLE identity_link (
                slack_user_id  TEXT NOT NULL PRIMARY KEY,
                okta_user_id   TEXT NOT NULL,
                resolved_by    TEXT NOT NULL,
                first_linked   TEXT NOT NULL,
                last_confirmed TEXT NOT NULL
            );
            CREATE INDEX ix_identity_link_okta ON identity_link (okta_user_id);

            -- Backfill from the audit trail: every ADD_GRANT row names the Slack user and the Okta user it was
            -- resolved to; the latest row of each Slack user wins.
            INSERT INTO identity_link (slack_user_id, okta_user_id, resolved_by, first_linked, last_confirmed)
            SELECT a.slack_user_id, a.okta_user_id, 'AUDIT_TRAIL',
                   (SELECT MIN(f.recorded_at) FROM sync_change_audit f
                    WHERE f.action = 'ADD_GRANT' AND f.slack_user_id = a.slack_user_id AND f.okta_user_id = a.okta_user_id),
                   a.recorded_at
            FROM sync_change_audit a
            WHERE a.id = (SELECT MAX(l.id) FROM sync_change_audit l
                          WHERE l.action = 'ADD_GRANT' AND l.slack_user_id = a.slack_user_id AND l.okta_user_id IS NOT NULL);

            -- What a run noticed but did not change: grants kept for unresolved holders, identity conflicts,
            -- revocations held because Slack's confirming read disagreed, links that moved.
            CREATE TABLE sync_finding (
                id            INTEGER PRIMARY KEY AUTOINCREMENT,
                execution_id  TEXT NOT NULL REFERENCES sync_execution_log (execution_id),
                kind          TEXT NOT NULL,
                slack_user_id TEXT,
                email         TEXT,
                okta_user_id  TEXT,
                slack_role_id TEXT,
                detail        TEXT NOT NULL
            );
            CREATE INDEX ix_sync_finding_execution ON sync_finding (execution_id);

            ALTER TABLE sync_execution_log ADD COLUMN grants_kept_unresolved INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE sync_execution_log ADD COLUMN identity_conflicts INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE sync_execution_log ADD COLUMN revocations_held INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE sync_execution_log ADD COLUMN links_moved INTEGER NOT NULL DEFAULT 0;
            """),
        (5, """
            -- The lease knows its holder's host and process, so a holder on this host whose process is gone is taken over at once.
            ALTER TABLE sync_lease ADD COLUMN host TEXT;
            ALTER TABLE sync_lease ADD COLUMN process_id INTEGER;

            -- A PENDING or UNKNOWN change of an earlier run, settled against OIG's grants by a later run: which run, when.
            ALTER TABLE sync_change_audit ADD COLUMN reconciled_by TEXT;
            ALTER TABLE sync_change_audit ADD COLUMN reconciled_at TEXT;
            """),
        (6, """
            -- The last known state of every user × role the sync manages: held through an active ENTITLEMENT grant when a
            -- run (not a dry run) ended. A pair known here that is gone from OIG while Slack still lists the role was
            -- revoked in OIG (a certification reviewer, an admin): it is never silently granted again.
            CREATE TABLE managed_grant_state (
                okta_user_id              TEXT NOT NULL,
                slack_role_id             TEXT NOT NULL,
                okta_entitlement_value_id TEXT NOT NULL,
                first_seen                TEXT NOT NULL,
                last_seen                 TEXT NOT NULL,
                last_execution_id         TEXT NOT NULL,
                PRIMARY KEY (okta_user_id, slack_role_id)
            );

            -- Grants revoked in OIG while Slack still lists the role: open until Slack no longer lists it, OIG holds it
            -- again, the sync removed it in Slack, or an operator cleared it (closed_at, resolution).
            CREATE TABLE oig_revocation (
                id             INTEGER PRIMARY KEY AUTOINCREMENT,
                okta_user_id   TEXT NOT NULL,
                slack_role_id  TEXT NOT NULL,
                slack_user_ids TEXT NOT NULL,
                email          TEXT,
                detected_at    TEXT NOT NULL,
                detected_by    TEXT NOT NULL,
                last_seen_at   TEXT NOT NULL,
                last_seen_by   TEXT NOT NULL,
                closed_at      TEXT,
                closed_by      TEXT,
                resolution     TEXT
            );
            CREATE UNIQUE INDEX ux_oig_revocation_open ON oig_revocation (okta_user_id, slack_role_id) WHERE closed_at IS NULL;

            ALTER TABLE sync_execution_log ADD COLUMN oig_revocations INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE sync_execution_log ADD COLUMN slack_roles_removed INTEGER NOT NULL DEFAULT 0;
            """),
        (7, """
            -- Slack alerts: each alert a run tried to post (SENT or FAILED), why it was due, and why it failed. An alert
            -- that fails never changes the run's status; this row is where it shows.
            CREATE TABLE sync_alert (
                id           INTEGER PRIMARY KEY AUTOINCREMENT,
                execution_id TEXT NOT NULL REFERENCES sync_execution_log (execution_id),
                attempted_at TEXT NOT NULL,
                transport    TEXT NOT NULL,
                reasons      TEXT NOT NULL,
                outcome      TEXT NOT NULL,
                error        TEXT
            );
            CREATE INDEX ix_sync_alert_execution ON sync_alert (execution_id);
            """),
        (8, """
            -- Back-off after errors (5xx, timeouts, dropped connections), in milliseconds, apart from api_wait_ms,
            -- which from now on counts only waits asked for by rate limits (429 Retry-After, X-Rate-Limit-Reset pacing).
            ALTER TABLE sync_execution_log ADD COLUMN api_backoff_ms INTEGER NOT NULL DEFAULT 0;
            """),
        (9, """
            -- One timestamp format in every table (UtcTimestampHandler): "yyyy-MM-ddTHH:mm:ss.fffffff+00:00", UTC. Every
            -- table held it already but sync_lease, whose expires_at was written "yyyy-MM-ddTHH:mm:ss.fffZ".
            UPDATE sync_lease SET expires_at = substr(expires_at, 1, 23) || '0000+00:00'
            WHERE length(expires_at) = 24
              AND expires_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z';
            """),
    ];
}
