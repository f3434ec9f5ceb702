using Bastion.Core.Configuration;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Bastion.Core.Inventory;

/// <summary>
/// Reads and writes the human-editable inventory file (YAML). Writing is atomic (temp file, fsync, rename); reading
/// validates every entry and reports problems with the file's line numbers.
/// </summary>
public static class InventoryFile
{
    private const string Header =
        "# Bastion inventory: the SSH hosts Bastion may reach ('local' is always there and is not listed).\n" +
        "# Edit by hand or with `bastion hosts add|remove|import`. Keys: name, address, port, user, identity_file,\n" +
        "# jump, groups, labels.\n";

    private static readonly IDeserializer Reader = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    private static readonly ISerializer Writer = new SerializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .Build();

    /// <summary>The hosts in <paramref name="path"/>; none when the file does not exist.</summary>
    /// <exception cref="BastionException">The file is not valid YAML, or an entry is invalid (bad name, duplicate, missing address, bad port).</exception>
    public static IReadOnlyList<Host> Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            return [];
        }

        InventoryDocument? document;
        try
        {
            document = Reader.Deserialize<InventoryDocument?>(File.ReadAllText(path));
        }
        catch (YamlException e)
        {
            throw new BastionException($"{path}, line {e.Start.Line}: {e.InnerException?.Message ?? e.Message} Expected: 'hosts:' followed by entries with name, address, port, user, identity_file, jump, groups, labels.", e);
        }

        var hosts = new List<Host>();
        foreach (var (entry, index) in (document?.Hosts ?? []).Select((e, i) => (e, i + 1)))
        {
            var host = ToHost(entry, $"{path}, host #{index}");
            if (hosts.Any(h => h.Name == host.Name))
            {
                throw new BastionException($"{path}: host '{host.Name}' is listed twice; names must be unique.");
            }

            hosts.Add(host);
        }

        return hosts;
    }

    /// <summary>Writes <paramref name="hosts"/> to <paramref name="path"/> atomically (the local host is never written).</summary>
    public static Task SaveAsync(string path, IEnumerable<Host> hosts, CancellationToken cancellationToken)
    {
        var document = new InventoryDocument { Hosts = hosts.Where(h => h.Kind != HostKind.Local).Select(InventoryEntry.From).ToList() };
        return AtomicFile.WriteAllTextAsync(path, Header + Writer.Serialize(document), cancellationToken);
    }

    /// <summary>Makes an entry a host and checks it.</summary>
    internal static Host ToHost(InventoryEntry entry, string where) =>
        Validate(
            new Host(
                entry.Name ?? string.Empty,
                HostKind.Ssh,
                entry.Address ?? string.Empty,
                entry.Port,
                Blank(entry.User),
                Blank(entry.IdentityFile),
                Blank(entry.Jump),
                (entry.Groups ?? []).Distinct(StringComparer.Ordinal).ToList(),
                entry.Labels ?? new Dictionary<string, string>()),
            where);

    /// <summary>Checks that an SSH host may be kept in the inventory.</summary>
    /// <param name="host">The host.</param>
    /// <param name="where">Where it came from, for the message (e.g. the file and entry number).</param>
    /// <returns>The host itself.</returns>
    /// <exception cref="BastionException">A bad or reserved name, a missing or odd address, a port outside 1-65535, or a bad group name.</exception>
    public static Host Validate(Host host, string where)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (!HostNames.IsValid(host.Name) || HostNames.Reserved.Contains(host.Name))
        {
            throw new BastionException($"{where}: name '{host.Name}' is not a valid host name ({HostNames.Rule}; not local or all).");
        }

        if (string.IsNullOrWhiteSpace(host.Address) || host.Address.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || host.Address.StartsWith('-'))
        {
            throw new BastionException($"{where} ('{host.Name}'): address '{host.Address}' is missing or invalid; give a DNS name or an IP address.");
        }

        // These become ssh arguments: nothing that ssh could read as an option, no spaces.
        foreach (var (field, value) in new[] { ("user", host.User), ("jump", host.Jump), ("identity_file", host.IdentityFile) })
        {
            if (value is not null && (value.Length == 0 || value.StartsWith('-') || value.Any(c => char.IsControl(c) || (field != "identity_file" && char.IsWhiteSpace(c)))))
            {
                throw new BastionException($"{where} ('{host.Name}'): {field} '{value}' is invalid; it may not start with '-' or contain {(field == "identity_file" ? "control characters" : "spaces or control characters")}.");
            }
        }

        if (host.Port is < 1 or > 65535)
        {
            throw new BastionException($"{where} ('{host.Name}'): port {host.Port} is outside 1-65535.");
        }

        foreach (var group in host.Groups)
        {
            if (!HostNames.IsValid(group) || HostNames.Reserved.Contains(group))
            {
                throw new BastionException($"{where} ('{host.Name}'): group '{group}' is not a valid group name ({HostNames.Rule}).");
            }
        }

        return host;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
