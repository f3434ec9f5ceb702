using System.Text;
using Bastion.Core.Linux;

namespace Bastion.Core.Inventory.Import;

/// <summary>
/// One pass over an ssh_config text and the files it includes. It collects, for every concrete alias, the first
/// value of each option Bastion uses, as ssh does; it keeps the state the directives change (the current block).
/// </summary>
/// <param name="includedFiles">
/// Turns an <c>Include</c> argument into the files it names, as (name for messages, text) pairs, none when missing;
/// null when includes cannot be followed.
/// </param>
internal sealed class SshConfigReader(Func<string, IEnumerable<(string Name, string Text)>>? includedFiles)
{
    /// <summary>OpenSSH's own limit on nested <c>Include</c> directives.</summary>
    private const int MaxIncludeDepth = 16;

    /// <summary>The options Bastion reads, lower case.</summary>
    private static readonly HashSet<string> UsedOptions = new(StringComparer.Ordinal) { "hostname", "port", "user", "identityfile", "proxyjump" };

    private readonly List<string> _aliases = [];

    /// <summary>Options per alias, lower-case keyword to first value; aliases compare case-insensitively, as in ssh.</summary>
    private readonly Dictionary<string, Dictionary<string, string>> _options = new(StringComparer.OrdinalIgnoreCase);

    private readonly List<string> _skipped = [];

    /// <summary>The option sets the lines being read apply to: the aliases of the current Host line.</summary>
    private List<Dictionary<string, string>> _block = [];

    private bool _inMatch;

    /// <summary>Reads <paramref name="text"/> (named <paramref name="source"/> in messages; null: only line numbers).</summary>
    public ImportResult Read(string text, string? source)
    {
        ReadFile(text, source, 0);
        return Build();
    }

    private void ReadFile(string text, string? source, int depth)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var where = source is null ? $"line {i + 1}" : $"'{source}' line {i + 1}";
            if (SplitLine(lines[i], where) is not var (keyword, arguments))
            {
                continue;
            }

            switch (keyword.ToLowerInvariant())
            {
                case "host":
                    StartHost(arguments, where);
                    break;
                case "match":
                    _inMatch = true;
                    _block = [];
                    Skip($"Match block at {where} skipped: ssh evaluates Match conditions when it connects, so they name no host.");
                    break;
                case var _ when _inMatch:
                    break;
                case "include":
                    Include(arguments, where, depth);
                    break;
                case var option when UsedOptions.Contains(option):
                    var value = Single(keyword, arguments, where);
                    foreach (var options in _block)
                    {
                        options.TryAdd(option, value);
                    }

                    break;
            }
        }
    }

    /// <summary>The keyword and arguments of a line, or null for a blank or comment line.</summary>
    private static (string Keyword, List<string> Arguments)? SplitLine(string line, string where)
    {
        var text = line.Trim();
        if (text.Length == 0 || text[0] == '#')
        {
            return null;
        }

        var end = 0;
        while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] != '=')
        {
            end++;
        }

        if (end == 0)
        {
            throw new FormatException($"{where}: expected 'Keyword value' or 'Keyword=value', found '{ParseText.Clip(text)}'.");
        }

        var rest = text.AsSpan(end).TrimStart();
        if (rest.Length > 0 && rest[0] == '=')
        {
            rest = rest[1..];
        }

        return (text[..end], ImportText.Words(rest.ToString(), where, "\""));
    }

    private static string Single(string keyword, List<string> arguments, string where) => arguments switch
    {
        [var value] when value.Length > 0 => value,
        [] or [""] => throw new FormatException($"{where}: '{keyword}' needs a value."),
        _ => throw new FormatException(
            $"{where}: '{keyword}' takes one value, found {arguments.Count}: {string.Join(" ", arguments)}; quote a value that contains spaces."),
    };

    private void StartHost(List<string> patterns, string where)
    {
        if (patterns.Count == 0)
        {
            throw new FormatException($"{where}: 'Host' needs at least one pattern, e.g. 'Host web1 web1.example.com'.");
        }

        _inMatch = false;
        _block = [];
        foreach (var pattern in patterns)
        {
            if (pattern.StartsWith('!'))
            {
                Skip($"Host pattern '{pattern}' skipped: negated patterns exclude hosts, they do not name one.");
            }
            else if (pattern.AsSpan().IndexOfAny('*', '?') >= 0)
            {
                Skip($"Host pattern '{pattern}' skipped: wildcard patterns are not hosts.");
            }
            else if (ImportChecks.NameProblem(pattern, "host name") is { } problem)
            {
                Skip($"Host '{pattern}' skipped: {problem}.");
            }
            else
            {
                if (!_options.TryGetValue(pattern, out var options))
                {
                    options = new Dictionary<string, string>(StringComparer.Ordinal);
                    _options.Add(pattern, options);
                    _aliases.Add(pattern);
                }

                if (!_block.Contains(options))
                {
                    _block.Add(options);
                }
            }
        }
    }

    private void Include(List<string> patterns, string where, int depth)
    {
        if (patterns.Count == 0)
        {
            throw new FormatException($"{where}: 'Include' needs at least one file, e.g. 'Include config.d/*'.");
        }

        foreach (var pattern in patterns)
        {
            var slash = pattern.LastIndexOf('/');
            if (includedFiles is null)
            {
                Skip($"Include '{pattern}' at {where} not followed: no way to read included files was given.");
            }
            else if (slash > 0 && pattern.AsSpan(0, slash).IndexOfAny('*', '?') >= 0)
            {
                Skip($"Include '{pattern}' at {where} not followed: wildcards are supported in the file name only, not in directories.");
            }
            else
            {
                foreach (var (name, text) in includedFiles(pattern))
                {
                    if (depth == MaxIncludeDepth)
                    {
                        throw new FormatException($"{where}: Include nested more than {MaxIncludeDepth} files deep; does a file include itself?");
                    }

                    // As in ssh: the included file continues the current block until its own first Host or Match
                    // line, and the block in force before the Include resumes after it.
                    var (block, inMatch) = (_block, _inMatch);
                    ReadFile(text, name, depth + 1);
                    (_block, _inMatch) = (block, inMatch);
                }
            }
        }
    }

    private ImportResult Build()
    {
        var hosts = new List<Host>();
        foreach (var alias in _aliases)
        {
            var options = _options[alias];
            int? port = null;
            if (options.TryGetValue("port", out var portText))
            {
                port = ImportChecks.Port(portText);
                if (port is null)
                {
                    Skip($"Host '{alias}' skipped: Port '{portText}' is not {ImportChecks.PortRule}.");
                    continue;
                }
            }

            var address = options.TryGetValue("hostname", out var hostName) ? ExpandHostName(hostName, alias) : alias;
            var jump = options.GetValueOrDefault("proxyjump") is { } proxyJump && proxyJump != "none" ? proxyJump : null;
            var host = new Host(
                alias, HostKind.Ssh, address, port, options.GetValueOrDefault("user"), options.GetValueOrDefault("identityfile"), jump,
                [], new Dictionary<string, string>());
            if (ImportChecks.Accept(host, Skip) is not null)
            {
                hosts.Add(host);
            }
        }

        return new ImportResult(hosts, _skipped);
    }

    /// <summary>The tokens HostName accepts: <c>%h</c> is the alias, <c>%%</c> a percent sign; others are kept as written.</summary>
    private static string ExpandHostName(string hostName, string alias)
    {
        var result = new StringBuilder();
        for (var i = 0; i < hostName.Length; i++)
        {
            if (hostName[i] == '%' && i + 1 < hostName.Length && hostName[i + 1] is 'h' or '%')
            {
                result.Append(hostName[++i] == 'h' ? alias : "%");
            }
            else
            {
                result.Append(hostName[i]);
            }
        }

        return result.ToString();
    }

    private void Skip(string sentence)
    {
        if (!_skipped.Contains(sentence))
        {
            _skipped.Add(sentence);
        }
    }
}
