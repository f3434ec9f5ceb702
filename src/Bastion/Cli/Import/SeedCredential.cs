namespace Bastion.Cli.Import;

/// <summary>One credential found in a seed server's configuration: the vault name an adapter reads, its value, and where it came from (a variable's or a file's name, for messages).</summary>
internal sealed record SeedCredential(string Name, string Value, string Source);
