namespace Bastion.Core.Inventory.Import;

/// <summary>What an importer made of a file: the hosts it could import and why it left the rest out.</summary>
/// <param name="Hosts">The imported SSH hosts, in the order the file first names them, no name twice.</param>
/// <param name="Skipped">One sentence per entry left out, saying which entry and why.</param>
public sealed record ImportResult(IReadOnlyList<Host> Hosts, IReadOnlyList<string> Skipped);
