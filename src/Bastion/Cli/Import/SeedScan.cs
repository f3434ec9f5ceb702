namespace Bastion.Cli.Import;

/// <summary>What a look through the seed servers' configuration found, and what it passed over and why (never a value).</summary>
internal sealed record SeedScan(IReadOnlyList<SeedCredential> Found, IReadOnlyList<string> Skipped);
