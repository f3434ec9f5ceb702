namespace Bastion.Cli;

/// <summary>What <see cref="ClientConfigFile.InstallAsync"/> did.</summary>
/// <param name="File">The client's file, as written.</param>
/// <param name="Backup">The copy of the previous file; null when there was none.</param>
/// <param name="Replaced">True when an entry of that name was already there and was replaced.</param>
internal sealed record ClientConfigInstall(string File, string? Backup, bool Replaced);
