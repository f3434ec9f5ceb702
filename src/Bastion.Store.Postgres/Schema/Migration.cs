namespace Bastion.Store.Postgres.Schema;

/// <summary>One step of the store's schema: its version (1, 2, … without gaps), what it adds, and its SQL.</summary>
internal sealed record Migration(int Version, string Description, string Sql);
