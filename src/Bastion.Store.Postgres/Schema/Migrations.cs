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
    ];

    /// <summary>The version this Bastion builds: the last step's.</summary>
    public static int Latest => All[^1].Version;
}
