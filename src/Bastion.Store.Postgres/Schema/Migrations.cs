namespace Bastion.Store.Postgres.Schema;

/// <summary>
/// The store's schema, as the list of steps that build it. A step, once released, never changes: a change is a new
/// step. <see cref="SchemaMigrator"/> applies the steps a database lacks, in order, each in its own transaction.
/// </summary>
internal static class Migrations
{
    public static readonly IReadOnlyList<Migration> All =
    [
        new(1, "store metadata", """
            CREATE TABLE bastion_meta (
                name  text PRIMARY KEY,
                value text NOT NULL
            );
            """),
        new(2, "audit chain per tenant", """
            CREATE TABLE audit_heads (
                tenant text PRIMARY KEY,
                seq    bigint NOT NULL,
                hash   text   NOT NULL,
                key_id text,
                mac    text
            );
            CREATE TABLE audit_entries (
                tenant    text        NOT NULL,
                seq       bigint      NOT NULL,
                time      timestamptz NOT NULL,
                tool      text        NOT NULL,
                principal text        NOT NULL,
                decision  text        NOT NULL,
                line      bytea       NOT NULL,
                PRIMARY KEY (tenant, seq)
            );
            """),
        new(3, "shared replay guard", """
            CREATE TABLE replay_guard (
                id      text        PRIMARY KEY,
                expires timestamptz NOT NULL
            );
            CREATE INDEX replay_guard_expires ON replay_guard (expires);
            """),
        new(4, "shared rate-limit buckets", """
            CREATE TABLE rate_buckets (
                key     text             PRIMARY KEY,
                tokens  double precision NOT NULL,
                updated timestamptz      NOT NULL
            );
            """),
        new(5, "platform tokens shared by instances", """
            CREATE TABLE platform_tokens (
                tenant  text        NOT NULL,
                scope   text        NOT NULL,
                sealed  bytea       NOT NULL,
                expires timestamptz NOT NULL,
                updated timestamptz NOT NULL,
                PRIMARY KEY (tenant, scope)
            );
            """),
        new(6, "vault, API keys, inventories and known host keys per tenant", """
            CREATE TABLE vault_header (
                id               boolean PRIMARY KEY DEFAULT true CHECK (id),
                key_kind         text    NOT NULL,
                check_nonce      bytea   NOT NULL,
                check_ciphertext bytea   NOT NULL,
                check_tag        bytea   NOT NULL,
                kdf_salt         bytea,
                kdf_iterations   integer
            );
            CREATE TABLE vault_entries (
                tenant     text        NOT NULL,
                name       text        NOT NULL,
                nonce      bytea       NOT NULL,
                ciphertext bytea       NOT NULL,
                tag        bytea       NOT NULL,
                created    timestamptz NOT NULL,
                updated    timestamptz NOT NULL,
                PRIMARY KEY (tenant, name)
            );
            CREATE TABLE api_keys (
                id      text        PRIMARY KEY,
                tenant  text        NOT NULL,
                name    text,
                scopes  text[]      NOT NULL,
                sha256  text        NOT NULL,
                created timestamptz NOT NULL,
                expires timestamptz,
                revoked timestamptz
            );
            CREATE INDEX api_keys_tenant ON api_keys (tenant);
            CREATE TABLE inventory_hosts (
                tenant        text    NOT NULL,
                name          text    NOT NULL,
                position      integer NOT NULL,
                address       text    NOT NULL,
                port          integer,
                ssh_user      text,
                identity_file text,
                jump          text,
                groups        text[]  NOT NULL,
                labels        jsonb   NOT NULL,
                PRIMARY KEY (tenant, name)
            );
            CREATE TABLE known_hosts (
                tenant   text NOT NULL,
                hosts    text NOT NULL,
                key_type text NOT NULL,
                key      text NOT NULL,
                PRIMARY KEY (tenant, hosts, key_type, key)
            );
            CREATE TABLE store_imports (
                source   text        NOT NULL,
                tenant   text        NOT NULL,
                part     text        NOT NULL,
                count    bigint      NOT NULL,
                imported timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (source, tenant, part)
            );
            """),
        new(7, "history and alert state per tenant", """
            CREATE TABLE history_meta (
                tenant text   NOT NULL,
                name   text   NOT NULL,
                value  bigint NOT NULL,
                PRIMARY KEY (tenant, name)
            );
            CREATE TABLE history_ticks (
                tenant text     NOT NULL,
                host   text     NOT NULL,
                ts     bigint   NOT NULL,
                status smallint NOT NULL,
                error  text,
                PRIMARY KEY (tenant, host, ts)
            );
            CREATE TABLE history_series (
                id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                tenant   text NOT NULL,
                host     text NOT NULL,
                metric   text NOT NULL,
                instance text NOT NULL,
                UNIQUE (tenant, host, metric, instance)
            );
            CREATE TABLE history_samples (
                series bigint NOT NULL REFERENCES history_series (id) ON DELETE CASCADE,
                ts     bigint NOT NULL,
                value  bigint NOT NULL,
                PRIMARY KEY (series, ts)
            );
            CREATE TABLE history_rollups (
                series bigint NOT NULL REFERENCES history_series (id) ON DELETE CASCADE,
                ts     bigint NOT NULL,
                min    bigint NOT NULL,
                avg    bigint NOT NULL,
                max    bigint NOT NULL,
                n      bigint NOT NULL,
                PRIMARY KEY (series, ts)
            );
            CREATE TABLE history_processes (
                tenant text   NOT NULL,
                host   text   NOT NULL,
                ts     bigint NOT NULL,
                top    jsonb  NOT NULL,
                PRIMARY KEY (tenant, host, ts)
            );
            CREATE TABLE history_alerts (
                id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                tenant    text             NOT NULL,
                rule      text             NOT NULL,
                host      text             NOT NULL,
                severity  text             NOT NULL,
                metric    text             NOT NULL,
                condition text             NOT NULL,
                value     double precision NOT NULL,
                started   bigint           NOT NULL,
                ended     bigint,
                end_value double precision
            );
            CREATE UNIQUE INDEX history_alerts_open ON history_alerts (tenant, rule, host) WHERE ended IS NULL;
            CREATE INDEX history_alerts_tenant ON history_alerts (tenant, coalesce(ended, started));
            """),
        new(8, "audit retention checkpoint per tenant", """
            CREATE TABLE audit_checkpoints (
                tenant  text        PRIMARY KEY,
                seq     bigint      NOT NULL,
                hash    text        NOT NULL,
                time    timestamptz NOT NULL,
                entries bigint      NOT NULL,
                key_id  text        NOT NULL,
                mac     text        NOT NULL
            );
            """),
        new(9, "platform host lists per tenant", """
            CREATE TABLE host_lists (
                tenant  text        NOT NULL,
                backend text        NOT NULL,
                hosts   json        NOT NULL,  -- json, not jsonb: kept as written, so every instance answers in the same key order
                error   text,
                listed  timestamptz NOT NULL,
                PRIMARY KEY (tenant, backend)
            );
            """),
    ];

    /// <summary>The version this Bastion builds: the last step's.</summary>
    public static int Latest => All[^1].Version;
}
