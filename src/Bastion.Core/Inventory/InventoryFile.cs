using Bastion.Core.Configuration;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Bastion.Core.Inventory;

/// <summary>
/// Reads and writes the human-editable inventory file (YAML). Writing is atomic (temp file, fsync, rename); reading
/// checks every entry with <see cref="HostValidator"/> and leaves out, with the reason and line number, those that fail.
/// </summary>
public static class InventoryFile
{
    private const string Header =
        "# Bastion inventory: the SSH hosts Bastion may reach ('local' is always there and is not listed).\n" +
        "# Edit by hand or with `bastion hosts add|remove|import`. Keys: name, address, port, user, identity_file,\n" +
        "# jump, groups, labels.\n";

    /// <summary>The valid hosts in <paramref name="path"/>; none when the file does not exist. Invalid entries are left out (see <see cref="Read"/>).</summary>
    /// <exception cref="BastionException">The file is not valid YAML or not shaped as an inventory; the message says where.</exception>
    public static IReadOnlyList<Host> Load(string path) => Read(path).Hosts;

    /// <summary>
    /// Reads <paramref name="path"/>: the entries that pass <see cref="HostValidator"/>, and the ones that do not, each
    /// with its position and why. One bad entry (a bad field, an unknown key, a name listed twice) disables only itself.
    /// </summary>
    /// <exception cref="BastionException">The file is not valid YAML, or its top level is not <c>hosts:</c> followed by a list; the message says where.</exception>
    public static InventoryContents Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            return InventoryContents.Empty;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(File.ReadAllText(path)));
        }
        catch (YamlException e)
        {
            throw new BastionException($"{path}, line {e.Start.Line}: {e.InnerException?.Message ?? e.Message} Expected: {Expected}", e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return InventoryContents.Empty;
        }

        var root = stream.Documents[0].RootNode;
        if (root is not YamlMappingNode mapping || mapping.Children.Any(c => c.Key is not YamlScalarNode { Value: "hosts" }))
        {
            throw new BastionException($"{path}, line {root.Start.Line}: the top level is not 'hosts:'. Expected: {Expected}");
        }

        var list = mapping.Children.Values.Single();
        if (list is YamlScalarNode { Value: null or "" })
        {
            return InventoryContents.Empty;
        }

        if (list is not YamlSequenceNode sequence)
        {
            throw new BastionException($"{path}, line {list.Start.Line}: 'hosts:' is not a list. Expected: {Expected}");
        }

        var hosts = new List<Host>();
        var invalid = new List<InvalidHostEntry>();
        foreach (var (node, index) in sequence.Children.Select((n, i) => (n, i + 1)))
        {
            var (host, problems) = ToHost(node);
            if (problems.Count == 0 && hosts.FirstOrDefault(h => h.Name == host!.Name) is { } first)
            {
                problems.Add($"the name '{first.Name}' is listed before; names must be unique");
            }

            if (problems.Count > 0)
            {
                invalid.Add(new InvalidHostEntry(index, node.Start.Line, host?.Name is { Length: > 0 } n ? n : null, string.Join("; ", problems)) { Node = node });
            }
            else
            {
                hosts.Add(host!);
            }
        }

        return new InventoryContents(hosts, invalid);
    }

    /// <summary>Writes <paramref name="hosts"/> to <paramref name="path"/> atomically (the local host is never written).</summary>
    public static Task SaveAsync(string path, IEnumerable<Host> hosts, CancellationToken cancellationToken) =>
        SaveAsync(path, hosts, [], cancellationToken);

    /// <summary>
    /// Writes <paramref name="hosts"/>, then the invalid entries <paramref name="keep"/> as they were read (so that an
    /// edit by the CLI does not silently drop an entry its owner still has to fix), to <paramref name="path"/> atomically.
    /// </summary>
    public static Task SaveAsync(string path, IEnumerable<Host> hosts, IReadOnlyList<InvalidHostEntry> keep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(keep);
        var list = new YamlSequenceNode(hosts.Where(h => h.Kind != HostKind.Local).Select(ToNode));
        foreach (var entry in keep.Where(e => e.Node is not null))
        {
            list.Add(entry.Node!);
        }

        var root = new YamlMappingNode { { "hosts", list } };
        using var writer = new StringWriter { NewLine = "\n" };
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        var text = writer.ToString();
        text = text.EndsWith("\n...\n", StringComparison.Ordinal) ? text[..^4] : text;
        return AtomicFile.WriteAllTextAsync(path, Header + text, cancellationToken);
    }

    /// <summary>Checks that an SSH host may be kept in the inventory: <see cref="HostValidator.Validate"/>, the one rule.</summary>
    /// <param name="host">The host.</param>
    /// <param name="where">Where it came from, for the message (e.g. the command).</param>
    /// <returns>The host itself.</returns>
    /// <exception cref="BastionException">A field breaks the rule; the message says which, why, and what is accepted.</exception>
    public static Host Validate(Host host, string where) => HostValidator.Validate(host, where);

    // One list entry made a host, with every problem found: unknown keys, values of the wrong shape, the rule's findings.
    private static (Host? Host, List<string> Problems) ToHost(YamlNode node)
    {
        var problems = new List<string>();
        if (node is not YamlMappingNode entry)
        {
            problems.Add($"it is not a mapping of {Keys}");
            return (null, problems);
        }

        string? name = null, address = null, user = null, identity = null, jump = null;
        int? port = null;
        var groups = new List<string>();
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in entry.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            string? Scalar()
            {
                if (value is YamlScalarNode scalar)
                {
                    return scalar.Value;
                }

                problems.Add($"{key} is not a single value");
                return null;
            }

            switch (key)
            {
                case "name": name = Scalar(); break;
                case "address": address = Scalar(); break;
                case "user": user = Blank(Scalar()); break;
                case "identity_file": identity = Blank(Scalar()); break;
                case "jump": jump = Blank(Scalar()); break;
                case "port":
                    var text = Blank(Scalar());
                    if (text is not null)
                    {
                        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p))
                        {
                            port = p;
                        }
                        else
                        {
                            problems.Add($"port '{text}' is invalid: use {HostValidator.PortRule}");
                        }
                    }

                    break;
                case "groups":
                    if (value is YamlSequenceNode groupList && groupList.Children.All(g => g is YamlScalarNode))
                    {
                        groups.AddRange(groupList.Children.Select(g => ((YamlScalarNode)g).Value ?? string.Empty));
                    }
                    else if (value is not YamlScalarNode { Value: null or "" })
                    {
                        problems.Add("groups is not a list of names");
                    }

                    break;
                case "labels":
                    if (value is YamlMappingNode labelMap && labelMap.Children.All(l => l.Key is YamlScalarNode && l.Value is YamlScalarNode))
                    {
                        foreach (var (k, v) in labelMap.Children)
                        {
                            labels[((YamlScalarNode)k).Value ?? string.Empty] = ((YamlScalarNode)v).Value ?? string.Empty;
                        }
                    }
                    else if (value is not YamlScalarNode { Value: null or "" })
                    {
                        problems.Add("labels is not a mapping of key: value");
                    }

                    break;
                default:
                    problems.Add($"unknown key '{key}' (line {keyNode.Start.Line}); the keys are {Keys}");
                    break;
            }
        }

        var host = new Host(name ?? string.Empty, HostKind.Ssh, address ?? string.Empty, port, user, identity, jump, groups.Distinct(StringComparer.Ordinal).ToList(), labels);
        problems.AddRange(HostValidator.Problems(host));
        return (host, problems);
    }

    // A host as its inventory entry: snake_case keys in a fixed order, empty fields left out. Built as a node tree (no
    // reflection-based serializer), so the Native AOT build writes the same text.
    private static YamlMappingNode ToNode(Host host)
    {
        var node = new YamlMappingNode { { "name", host.Name }, { "address", host.Address } };
        if (host.Port is { } port)
        {
            node.Add("port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        foreach (var (key, value) in new[] { ("user", host.User), ("identity_file", host.IdentityFile), ("jump", host.Jump) })
        {
            if (value is not null)
            {
                node.Add(key, value);
            }
        }

        if (host.Groups.Count > 0)
        {
            node.Add("groups", new YamlSequenceNode(host.Groups.Select(g => new YamlScalarNode(g))));
        }

        if (host.Labels.Count > 0)
        {
            node.Add("labels", new YamlMappingNode(host.Labels.Select(l => new KeyValuePair<YamlNode, YamlNode>(new YamlScalarNode(l.Key), new YamlScalarNode(l.Value)))));
        }

        return node;
    }

    private const string Keys = "name, address, port, user, identity_file, jump, groups, labels";

    private const string Expected = "'hosts:' followed by a list of entries with " + Keys + ".";

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
