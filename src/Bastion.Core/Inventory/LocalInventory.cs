using Bastion.Core.Execution;

namespace Bastion.Core.Inventory;

/// <summary>The inventory of a Bastion with no configuration: the local host alone.</summary>
public sealed class LocalInventory : IInventory
{
    private static readonly Host Local = new(
        LocalRunner.LocalHostName,
        HostKind.Local,
        "localhost",
        [],
        new Dictionary<string, string>());

    public IReadOnlyList<Host> Hosts { get; } = [Local];

    public Host Get(string name) =>
        Hosts.FirstOrDefault(h => h.Name == name) ?? throw new UnknownHostException(name, Hosts.Select(h => h.Name));
}
