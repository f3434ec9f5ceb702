namespace Bastion.Core.Inventory;

/// <summary>One host as it is written in <c>inventory.yaml</c> (snake_case keys; empty fields left out).</summary>
internal sealed class InventoryEntry
{
    public string? Name { get; set; }

    public string? Address { get; set; }

    public int? Port { get; set; }

    public string? User { get; set; }

    public string? IdentityFile { get; set; }

    public string? Jump { get; set; }

    public List<string>? Groups { get; set; }

    public Dictionary<string, string>? Labels { get; set; }

    public static InventoryEntry From(Host host) => new()
    {
        Name = host.Name,
        Address = host.Address,
        Port = host.Port,
        User = host.User,
        IdentityFile = host.IdentityFile,
        Jump = host.Jump,
        Groups = host.Groups.Count > 0 ? [.. host.Groups] : null,
        Labels = host.Labels.Count > 0 ? new Dictionary<string, string>(host.Labels) : null,
    };
}
