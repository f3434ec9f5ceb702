using System.Text.RegularExpressions;
using Bastion.Core.Linux;

namespace Bastion.Core.Inventory.Import;

/// <summary>One pass over an Ansible INI inventory: the groups with their parents and variables, and the hosts.</summary>
internal sealed partial class AnsibleInventoryReader
{
    /// <summary>The group every host and group is in.</summary>
    public const string All = "all";

    /// <summary>The group of hosts listed before any section.</summary>
    private const string Ungrouped = "ungrouped";

    /// <summary>The <c>ansible_connection</c> values that reach a host over SSH.</summary>
    private static readonly HashSet<string> SshConnections = new(StringComparer.Ordinal)
    {
        "ssh", "paramiko", "paramiko_ssh", "smart", "ansible.builtin.ssh", "ansible.builtin.paramiko_ssh",
    };

    private readonly Dictionary<string, AnsibleGroup> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AnsibleHostEntry> _hosts = new(StringComparer.Ordinal);
    private readonly List<AnsibleHostEntry> _order = [];
    private readonly List<string> _skipped = [];

    /// <summary>Reads the inventory <paramref name="text"/>.</summary>
    public ImportResult Read(string text)
    {
        var group = Group(Ungrouped);
        var section = "hosts";
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var where = $"line {i + 1}";
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[')
            {
                (group, section) = Section(line, where);
                continue;
            }

            switch (section)
            {
                case "hosts":
                    HostLine(line, group, where);
                    break;
                case "vars":
                    VarsLine(line, group, where);
                    break;
                default:
                    ChildLine(line, group, where);
                    break;
            }
        }

        return Build();
    }

    private (AnsibleGroup Group, string Section) Section(string line, string where)
    {
        var match = SectionHeader().Match(line);
        if (!match.Success)
        {
            throw new FormatException(
                $"{where}: malformed section header '{ParseText.Clip(line)}'; use [group], [group:vars] or [group:children], with no spaces in the group name.");
        }

        var name = match.Groups["name"].Value;
        var section = match.Groups["section"].Success ? match.Groups["section"].Value : "hosts";
        if (section is not ("hosts" or "vars" or "children"))
        {
            throw new FormatException($"{where}: unknown section type '{section}' in '[{name}:{section}]'; use [group], [group:vars] or [group:children].");
        }

        return (Group(name), section);
    }

    private void HostLine(string line, AnsibleGroup group, string where)
    {
        var words = ImportText.Words(line, where, "\"'");
        var vars = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var word in words.Skip(1))
        {
            var eq = word.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException($"{where}: expected key=value after the host name, found '{ParseText.Clip(word)}'.");
            }

            vars[word[..eq]] = word[(eq + 1)..];
        }

        // 'name:port' sets the host's ansible_port, as in Ansible; an ansible_port on the same line wins.
        var (pattern, port) = AnsibleHostPattern.SplitPort(words[0]);
        if (port is not null)
        {
            vars.TryAdd("ansible_port", port);
        }

        foreach (var name in AnsibleHostPattern.Expand(pattern, where))
        {
            if (ImportChecks.NameProblem(name, "host name") is { } problem)
            {
                Skip($"Host '{name}' skipped: {problem}.");
                continue;
            }

            if (!_hosts.TryGetValue(name, out var host))
            {
                host = new AnsibleHostEntry(name);
                _hosts.Add(name, host);
                _order.Add(host);
            }

            host.Groups.Add(group);
            foreach (var (key, value) in vars)
            {
                host.Vars[key] = value;
            }
        }
    }

    private static void VarsLine(string line, AnsibleGroup group, string where)
    {
        var eq = line.IndexOf('=', StringComparison.Ordinal);
        var key = eq < 0 ? "" : line[..eq].Trim();
        if (key.Length == 0 || key.Any(char.IsWhiteSpace))
        {
            throw new FormatException($"{where}: expected 'key=value' in [{group.Name}:vars], found '{ParseText.Clip(line)}'.");
        }

        group.Vars[key] = VarValue(line[(eq + 1)..].Trim(), where);
    }

    /// <summary>
    /// The value of a <c>[group:vars]</c> line: a quoted value without its quotes, or the text as written up to a
    /// <c>#</c> that follows whitespace.
    /// </summary>
    private static string VarValue(string value, string where)
    {
        if (value.Length > 0 && value[0] is '"' or '\'')
        {
            return ImportText.Words(value, where, "\"'") is [var quoted]
                ? quoted
                : throw new FormatException($"{where}: text follows the quoted value in '{ParseText.Clip(value)}'; quote the whole value.");
        }

        for (var i = 1; i < value.Length; i++)
        {
            if (value[i] == '#' && char.IsWhiteSpace(value[i - 1]))
            {
                return value[..i].TrimEnd();
            }
        }

        return value;
    }

    private void ChildLine(string line, AnsibleGroup parent, string where)
    {
        if (ImportText.Words(line, where, "\"'") is not [var name])
        {
            throw new FormatException($"{where}: expected one group name per line in [{parent.Name}:children], found '{ParseText.Clip(line)}'.");
        }

        if (name == All)
        {
            throw new FormatException($"{where}: '{All}' contains every group, so it cannot be a child of '{parent.Name}'.");
        }

        var child = Group(name);
        if (parent.Name == All || child.Parents.Contains(parent))
        {
            return;
        }

        if (parent.IsWithin(child))
        {
            throw new FormatException(
                $"{where}: '{name}' cannot be a child of '{parent.Name}': '{parent.Name}' is already inside '{name}', so the groups would contain each other.");
        }

        child.Parents.Add(parent);
    }

    private AnsibleGroup Group(string name)
    {
        if (!_groups.TryGetValue(name, out var group))
        {
            var special = name is All or Ungrouped;
            var problem = special ? null : ImportChecks.NameProblem(name, "group name");
            if (problem is not null)
            {
                Skip($"Group '{name}' left off its hosts' groups: {problem}; its variables still apply.");
            }

            group = new AnsibleGroup(name, !special && problem is null);
            _groups.Add(name, group);
        }

        return group;
    }

    private ImportResult Build()
    {
        var all = Group(All);
        var hosts = new List<Host>();
        foreach (var entry in _order)
        {
            // Ansible's precedence: all, then groups by depth (children after their parents), equal depths by name,
            // each overriding the one before; the host's own variables last.
            var groups = entry.Groups.SelectMany(g => g.WithAncestors()).Append(all).Distinct()
                .OrderBy(g => g.Depth).ThenBy(g => g.Name, StringComparer.Ordinal).ToList();
            var vars = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in groups.SelectMany(g => g.Vars).Concat(entry.Vars))
            {
                vars[key] = value;
            }

            if (ToHost(entry.Name, vars, groups) is { } host)
            {
                hosts.Add(host);
            }
        }

        return new ImportResult(hosts, _skipped);
    }

    private Host? ToHost(string name, Dictionary<string, string> vars, List<AnsibleGroup> groups)
    {
        if (vars.TryGetValue("ansible_connection", out var connection) && !SshConnections.Contains(connection))
        {
            Skip($"Host '{name}' skipped: its ansible_connection is '{connection}', and Bastion reaches hosts over SSH only (ssh, paramiko, smart).");
            return null;
        }

        int? port = null;
        if (vars.TryGetValue("ansible_port", out var portText))
        {
            port = ImportChecks.Port(portText);
            if (port is null)
            {
                Skip($"Host '{name}' skipped: ansible_port '{portText}' is not {ImportChecks.PortRule}.");
                return null;
            }
        }

        string? Var(string key) => vars.GetValueOrDefault(key) is { Length: > 0 } value ? value : null;
        var labels = vars.Where(v => !v.Key.StartsWith("ansible_", StringComparison.Ordinal))
            .OrderBy(v => v.Key, StringComparer.Ordinal)
            .ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        var groupNames = groups.Where(g => g.Listed).Select(g => g.Name).Order(StringComparer.Ordinal).ToList();
        var host = new Host(name, HostKind.Ssh, Var("ansible_host") ?? name, port, Var("ansible_user"), Var("ansible_ssh_private_key_file"), null, groupNames, labels);
        return ImportChecks.Accept(host, Skip);
    }

    private void Skip(string sentence)
    {
        if (!_skipped.Contains(sentence))
        {
            _skipped.Add(sentence);
        }
    }

    [GeneratedRegex(@"^\[(?<name>[^:\]\s]+)(?::(?<section>\w+))?\]\s*(?:#.*)?$")]
    private static partial Regex SectionHeader();
}
