using System.ComponentModel;

namespace Bastion.Core.Inventory;

/// <summary>A host in the inventory.</summary>
public sealed record Host(
    [property: Description("Inventory name; what every tool's target parameter takes.")] string Name,
    [property: Description("How Bastion reaches it: local (the machine Bastion runs on), ssh, or platform (known from a hosting platform's API; its platform's tools act on it).")] HostKind Kind,
    [property: Description("Network address or DNS name; 'localhost' for the local host.")] string Address,
    [property: Description("SSH port; null for the default (22, or what ssh_config says).")] int? Port,
    [property: Description("SSH user; null for the default (the current user, or what ssh_config says).")] string? User,
    [property: Description("Private key file for SSH; null to use the agent and ssh_config.")] string? IdentityFile,
    [property: Description("Jump host (ssh -J), e.g. 'admin@gateway:2222'; null for a direct connection.")] string? Jump,
    [property: Description("Groups the host belongs to.")] IReadOnlyList<string> Groups,
    [property: Description("Free-form key/value labels, e.g. env=prod.")] IReadOnlyDictionary<string, string> Labels)
{
    /// <summary>The local host, always in the inventory.</summary>
    public static Host Local { get; } = new("local", HostKind.Local, "localhost", null, null, null, null, [], new Dictionary<string, string>());

    /// <summary>A new SSH host with no groups and no labels.</summary>
    public static Host Ssh(string name, string address, int? port = null, string? user = null) =>
        new(name, HostKind.Ssh, address, port, user, null, null, [], new Dictionary<string, string>());

    /// <summary>Equality by value, lists and labels included (records compare collections by reference).</summary>
    public bool SameAs(Host other) =>
        other is not null && Name == other.Name && Kind == other.Kind && Address == other.Address && Port == other.Port
        && User == other.User && IdentityFile == other.IdentityFile && Jump == other.Jump
        && Groups.SequenceEqual(other.Groups) && Labels.Count == other.Labels.Count
        && Labels.All(l => other.Labels.TryGetValue(l.Key, out var v) && v == l.Value);
}
