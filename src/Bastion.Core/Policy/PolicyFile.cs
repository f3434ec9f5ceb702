using Bastion.Core.Inventory;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Bastion.Core.Policy;

/// <summary>
/// Reads the command policy file (YAML, snake_case keys):
/// <code>
/// readonly: ["nginx -t", "docker ps **"]   # extends the read-only set
/// deny: ["** --no-preserve-root **"]       # global denies
/// rules:
///   - groups: [web]                        # omit for every host
///     allow: ["systemctl restart nginx"]
///     deny: ["systemctl * sshd*"]
///     shell: false
/// </code>
/// Every problem is reported with the file's line and what is accepted.
/// </summary>
internal static class PolicyFile
{
    private const string TopKeys = "readonly, deny, rules";
    private const string RuleKeys = "groups, allow, deny, shell";

    public static PolicyDocument Read(string yaml, string source)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(source);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new BastionException($"{source}, line {e.Start.Line}: {(e.InnerException?.Message ?? e.Message).TrimEnd('.')}. Expected a mapping with the keys {TopKeys}, each key once.", e);
        }

        if (stream.Documents.Count == 0 || IsEmpty(stream.Documents[0].RootNode))
        {
            return PolicyDocument.Empty;
        }

        if (stream.Documents.Count > 1)
        {
            throw Error(source, stream.Documents[1].RootNode, "the file holds more than one YAML document; write one mapping.");
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw Error(source, stream.Documents[0].RootNode, $"the policy must be a mapping with the keys {TopKeys}.");
        }

        var readOnly = new List<ReadOnlyEntry>();
        var deny = new List<PolicyPattern>();
        var rules = new List<PolicyRule>();
        foreach (var (keyNode, value) in root.Children)
        {
            var key = Key(source, keyNode, TopKeys);
            switch (key)
            {
                case "readonly":
                    foreach (var (pattern, line) in Patterns(source, value, key))
                    {
                        if (!pattern.HasLiteralProgram)
                        {
                            throw new BastionException($"{source}, line {line}: read-only pattern '{pattern.Text}' must start with a program name, not a wildcard; the read-only set runs without confirmation.");
                        }

                        readOnly.Add(new ReadOnlyEntry(pattern, $"{source} (line {line})"));
                    }

                    break;
                case "deny":
                    deny.AddRange(Patterns(source, value, key).Select(p => new PolicyPattern(p.Pattern, $"the deny list of {source} (line {p.Line})")));
                    break;
                case "rules":
                    if (IsEmpty(value))
                    {
                        break;
                    }

                    if (value is not YamlSequenceNode list)
                    {
                        throw Error(source, value, $"'rules' must be a list of mappings with the keys {RuleKeys}.");
                    }

                    foreach (var node in list.Children)
                    {
                        rules.Add(Rule(source, node, rules.Count + 1));
                    }

                    break;
                default:
                    throw Error(source, keyNode, $"unknown key '{key}'; the accepted keys are {TopKeys}.");
            }
        }

        return new PolicyDocument(readOnly, deny, rules);
    }

    private static PolicyRule Rule(string source, YamlNode node, int number)
    {
        if (node is not YamlMappingNode mapping)
        {
            throw Error(source, node, $"rule #{number} must be a mapping with the keys {RuleKeys}.");
        }

        var groups = new List<string>();
        var allow = new List<(CommandPattern Pattern, long Line)>();
        var deny = new List<(CommandPattern Pattern, long Line)>();
        var shell = false;
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = Key(source, keyNode, RuleKeys);
            switch (key)
            {
                case "groups":
                    foreach (var item in Strings(source, value, key))
                    {
                        if (!HostNames.IsValid(item.Text) || HostNames.Reserved.Contains(item.Text))
                        {
                            throw new BastionException($"{source}, line {item.Line}: group '{item.Text}' is not a valid group name ({HostNames.Rule}; not local or all). Leave 'groups' out for a rule that applies to every host.");
                        }

                        groups.Add(item.Text);
                    }

                    break;
                case "allow":
                    allow.AddRange(Patterns(source, value, key));
                    break;
                case "deny":
                    deny.AddRange(Patterns(source, value, key));
                    break;
                case "shell":
                    shell = value is YamlScalarNode { Value: { } flag } && (flag == "true" || flag == "false")
                        ? flag == "true"
                        : throw Error(source, value, "'shell' must be true or false.");
                    break;
                default:
                    throw Error(source, keyNode, $"unknown key '{key}' in rule #{number}; the accepted keys are {RuleKeys}.");
            }
        }

        var origin = $"rule #{number} of {source} (line {mapping.Start.Line}, {(groups.Count == 0 ? "every host" : "groups " + string.Join(", ", groups))})";
        return new PolicyRule(
            groups,
            [.. allow.Select(a => new PolicyPattern(a.Pattern, $"{origin}, line {a.Line}"))],
            [.. deny.Select(d => new PolicyPattern(d.Pattern, $"{origin}, line {d.Line}"))],
            shell,
            origin);
    }

    private static string Key(string source, YamlNode keyNode, string accepted) =>
        keyNode is YamlScalarNode { Value: { } key }
            ? key
            : throw Error(source, keyNode, $"keys must be plain words; the accepted keys are {accepted}.");

    private static IEnumerable<(CommandPattern Pattern, long Line)> Patterns(string source, YamlNode value, string key)
    {
        foreach (var (text, line) in Strings(source, value, key))
        {
            CommandPattern pattern;
            try
            {
                pattern = CommandPattern.Parse(text);
            }
            catch (FormatException e)
            {
                throw new BastionException($"{source}, line {line}: pattern '{text}' in '{key}' is invalid: {e.Message}. Accepted: {CommandPattern.Help}.", e);
            }

            yield return (pattern, line);
        }
    }

    private static List<(string Text, long Line)> Strings(string source, YamlNode value, string key)
    {
        if (IsEmpty(value))
        {
            return [];
        }

        if (value is not YamlSequenceNode list)
        {
            throw Error(source, value, $"'{key}' must be a list of strings, e.g. {key}: [\"...\"].");
        }

        var items = new List<(string, long)>();
        foreach (var item in list.Children)
        {
            if (item is not YamlScalarNode { Value: { } text } || text.Length == 0)
            {
                throw Error(source, item, $"every item of '{key}' must be a non-empty string.");
            }

            items.Add((text, item.Start.Line));
        }

        return items;
    }

    private static bool IsEmpty(YamlNode node) =>
        node is YamlScalarNode { Style: not (YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted) } scalar
        && (scalar.Value is null || scalar.Value.Length == 0 || scalar.Value is "~" or "null");

    private static BastionException Error(string source, YamlNode node, string message) =>
        new($"{source}, line {node.Start.Line}: {message}");
}
