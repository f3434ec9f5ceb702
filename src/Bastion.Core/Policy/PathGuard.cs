using System.Text;
using Bastion.Core.Execution;

namespace Bastion.Core.Policy;

/// <summary>
/// Keeps every tool that reads a path on a host away from secrets, judged on what the path resolves to on that host. The
/// catalogue is <see cref="SecretPaths.Rules"/> plus Bastion's own data directory (the root one, so every tenant's vault,
/// keys and audit log) and, on the machine Bastion runs on, Bastion's own process. Hosts run it as a shell prelude
/// (<see cref="Prelude"/>) in the same script as the read: the path is resolved with <c>readlink -f</c> (symbolic links,
/// <c>..</c>, <c>/proc/*/root</c>, <c>/proc/*/cwd</c>, <c>/proc/*/fd/N</c>), both the resolved and the given form are matched
/// against a <c>case</c> generated from the catalogue (exact case: Linux file names are), and a regular file whose first 64 KiB (or the bytes around a
/// requested window) hold a private-key header is refused whatever its name. A refusal exits with
/// <see cref="RefusedExitCode"/> and a marker line on stderr; <see cref="Refusal"/> turns it into a message.
/// </summary>
/// <remarks>
/// There is a window between the check and the read (someone who can write a directory on the path can swap a link in
/// between); reads use the resolved path, which narrows it. Bind mounts are caught by name when they keep the secret's
/// tail (<c>*/etc/shadow</c>), not when they rename it.
/// </remarks>
public sealed class PathGuard
{
    /// <summary>Exit code of a script whose guard refused a path (nothing was read).</summary>
    public const int RefusedExitCode = 77;

    private const string Marker = "bastion-refused";
    private const string DataDirectoryKind = "Bastion's data directory (vaults, keys, audit logs of every tenant)";
    private const string OwnProcess = "Bastion's own process";
    private const string KeyContent = "a private key (its content starts a PEM or OpenSSH private key)";

    private readonly IReadOnlyList<SecretRule> _rules;
    private readonly GlobWord[] _globs;
    private readonly int? _processId;
    private readonly string _local;
    private readonly string _remote;

    /// <param name="dataDirectory">Bastion's root data directory (not a tenant's); null: none.</param>
    /// <param name="processId">Bastion's process id, refused under /proc on the machine Bastion runs on; null: none.</param>
    public PathGuard(string? dataDirectory, int? processId)
    {
        var own = new List<SecretRule>();
        if (!string.IsNullOrWhiteSpace(dataDirectory))
        {
            foreach (var form in new[] { Path.GetFullPath(dataDirectory), RealPath(dataDirectory) }.Select(d => d.TrimEnd('/')).Where(d => d.Length > 0).Distinct(StringComparer.Ordinal))
            {
                own.Add(new SecretRule(form, true, DataDirectoryKind));
                own.Add(new SecretRule(form + "/*", true, DataDirectoryKind));
            }
        }

        _rules = [.. own, .. SecretPaths.Rules];
        _globs = [.. _rules.Select(r => GlobWord.Simple(r.Pattern))];
        _processId = processId;
        _local = Script(processId);
        _remote = Script(null);
    }

    /// <summary>The guard of this process: <paramref name="dataDirectory"/> and <see cref="Environment.ProcessId"/>.</summary>
    public static PathGuard ForThisProcess(string dataDirectory) => new(dataDirectory, Environment.ProcessId);

    /// <summary>The catalogue in order (first match wins), Bastion's data directory first.</summary>
    public IReadOnlyList<SecretRule> Rules => _rules;

    /// <summary>
    /// The shell functions hosts run before a read: <c>bg_check PATH</c> (resolves PATH, relative to the working
    /// directory, into <c>$bg_p</c>, and refuses a secret; a path with no symbolic link on it is judged as it is, without
    /// a process) and <c>bg_key GIVEN FILE [OFFSET LENGTH [SIZE]]</c> (refuses a file that holds a private key; one
    /// process for a file of at most 64 KiB whose SIZE is given). On the local runner it also knows Bastion's process id. Setting <c>bg_as="sudo -n"</c> makes
    /// them resolve and read as root, for a command that runs under sudo.
    /// </summary>
    public string Prelude(IHostRunner runner) => runner is LocalRunner ? _local : _remote;

    /// <summary>Why <paramref name="path"/> (absolute, already resolved) is secret, or null when it is not.</summary>
    public string? Judge(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var form = SecretPaths.ProcessForm(path);
        if (_processId is { } pid && form.StartsWith("/proc/<pid>", StringComparison.Ordinal) && OwnsProcessPath(path, pid))
        {
            return OwnProcess;
        }

        return SecretPaths.Match(form, _rules, _globs, ignoreCase: false) is { Secret: true } rule ? Describe(rule) : null;
    }

    /// <summary>
    /// Checks a path on the machine Bastion runs on (a transfer's source or destination): resolves it (symbolic links,
    /// missing tail kept), refuses it when the catalogue or, for an existing file, its content calls it secret.
    /// </summary>
    /// <returns>The resolved path.</returns>
    /// <exception cref="BastionException">The path or what it resolves to is secret.</exception>
    public string CheckLocal(string path, string parameter)
    {
        ArgumentNullException.ThrowIfNull(path);
        var real = RealPath(path);
        var why = Judge(real) ?? Judge(Path.GetFullPath(path));
        if (why is null && File.Exists(real) && HoldsPrivateKey(real))
        {
            why = KeyContent;
        }

        return why is null
            ? real
            : throw new BastionException($"{parameter} '{path}' is refused: {(real == path ? string.Empty : $"it resolves to '{real}', ")}{why}. Bastion's tools never read, list or write secret files, whatever the mode; nothing was done.");
    }

    /// <summary>The refusal a guarded script reported, as an exception for host <paramref name="host"/>; null when it did not refuse.</summary>
    public BastionException? Refusal(string host, CommandResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.ExitCode != RefusedExitCode)
        {
            return null;
        }

        var line = result.Stderr.Split('\n').FirstOrDefault(l => l.StartsWith(Marker + "\t", StringComparison.Ordinal));
        if (line?.Split('\t') is not [_, var given, var resolved, var code, ..])
        {
            return null;
        }

        var inside = code.StartsWith("in:", StringComparison.Ordinal);
        var why = (inside ? code[3..] : code) switch
        {
            "own" => OwnProcess,
            "key" => KeyContent,
            var index when int.TryParse(index, System.Globalization.CultureInfo.InvariantCulture, out var k) && k >= 0 && k < _rules.Count => Describe(_rules[k]),
            _ => "secret",
        };
        var where = inside ? $"it holds '{resolved}', " : resolved == given ? string.Empty : $"it resolves to '{resolved}', ";
        return new BastionException($"Host '{host}': '{given}' is refused: {where}{why}. Bastion's tools never read or list secret files, whatever the mode; nothing was read.");
    }

    /// <summary>True when the first 64 KiB of <paramref name="file"/> hold a private-key marker (as the host prelude checks).</summary>
    internal static bool HoldsPrivateKey(string file)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var buffer = new byte[65536];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            var text = Encoding.Latin1.GetString(buffer, 0, read);
            return KeyMarkers.Any(m => text.Contains(m, StringComparison.Ordinal));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Markers of private keys in a file's content: PEM (RSA, EC, DSA, PKCS#8, encrypted), OpenSSH, PGP, PuTTY.</summary>
    internal static readonly IReadOnlyList<string> KeyMarkers = ["PRIVATE KEY-----", "PRIVATE KEY BLOCK-----", "PuTTY-User-Key-File-"];

    /// <summary><paramref name="path"/> with every symbolic link resolved; components that do not exist are kept as they are.</summary>
    internal static string RealPath(string path)
    {
        var pending = new Stack<string>(Path.GetFullPath(path).Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse());
        var current = "/";
        for (var hops = 0; pending.Count > 0;)
        {
            var part = pending.Pop();
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? "/";
                continue;
            }

            var next = Path.Join(current, part);
            string? target = null;
            try
            {
                target = new FileInfo(next).LinkTarget;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }

            if (target is null || ++hops > 40)
            {
                current = next;
                continue;
            }

            foreach (var piece in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse())
            {
                pending.Push(piece);
            }

            if (target.StartsWith('/'))
            {
                current = "/";
            }
        }

        return current;
    }

    private static bool OwnsProcessPath(string path, int pid)
    {
        var rest = path["/proc/".Length..];
        var id = rest.Split('/')[0];
        if (id == pid.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            return true;
        }

        try
        {
            var tgid = File.ReadLines($"/proc/{id}/status").FirstOrDefault(l => l.StartsWith("Tgid:", StringComparison.Ordinal));
            return tgid is not null && tgid["Tgid:".Length..].Trim() == pid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string Describe(SecretRule rule) => $"{rule.Kind} (secret-path rule '{rule.Pattern}')";

    /// <summary>A pattern of the catalogue as a shell <c>case</c> pattern: literal runs in double quotes, '*' and '?' bare.</summary>
    internal static string CasePattern(string pattern)
    {
        var text = new StringBuilder();
        var quoted = false;
        foreach (var c in pattern)
        {
            var wild = c is '*' or '?';
            if (wild == quoted)
            {
                text.Append('"');
                quoted = !quoted;
            }

            if (c is '"' or '\\' or '$' or '`')
            {
                text.Append('\\');
            }

            text.Append(c);
        }

        return quoted ? text.Append('"').ToString() : text.ToString();
    }

    private string Script(int? processId)
    {
        var arms = new StringBuilder();
        for (var k = 0; k < _rules.Count; k++)
        {
            arms.Append("    ").Append(CasePattern(_rules[k].Pattern)).Append(") ");
            arms.Append(_rules[k].Secret ? $"bg_why={k}; return 0 ;;" : "return 1 ;;").Append('\n');
        }

        var pid = processId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
        return $$"""
            bg_pid={{pid}}
            bg_as=
            bg_refuse() { printf '{{Marker}}\t%s\t%s\t%s\n' "$1" "$2" "$3" >&2; exit {{RefusedExitCode}}; }
            bg_own() {
              [ -n "$bg_pid" ] || return 1
              [ "$1" = "$bg_pid" ] && return 0
              [ -r "/proc/$1/status" ] || return 1
              while read -r bg_k bg_v; do [ "$bg_k" = Tgid: ] && { [ "$bg_v" = "$bg_pid" ]; return; }; done < "/proc/$1/status"
              return 1
            }
            bg_rule() {
              bg_f=$1
              case "$bg_f" in
                /proc/*)
                  bg_x=${bg_f#/proc/}; bg_n=${bg_x%%/*}
                  case "$bg_n" in
                    self|thread-self) bg_f="/proc/<pid>${bg_x#"$bg_n"}" ;;
                    ''|*[!0-9]*) ;;
                    *) if bg_own "$bg_n"; then bg_why=own; return 0; fi; bg_f="/proc/<pid>${bg_x#"$bg_n"}" ;;
                  esac
                  case "$bg_f" in
                    "/proc/<pid>/task/"*)
                      bg_x=${bg_f#"/proc/<pid>/task/"}; bg_n=${bg_x%%/*}
                      case "$bg_n" in ''|*[!0-9]*) ;; *) bg_f="/proc/<pid>/task/<pid>${bg_x#"$bg_n"}" ;; esac ;;
                  esac ;;
              esac
              case "$bg_f" in
            {{arms}}  esac
              return 1
            }
            bg_check() {
              bg_p=
              if [ -z "$bg_as" ]; then
                case "$1" in
                  */../*|*/..|*/./*|*/.|*//*|*/) ;;
                  /*) bg_p=$1; bg_x=$1
                      while [ -n "$bg_x" ]; do if [ -L "$bg_x" ]; then bg_p=; break; fi; bg_x=${bg_x%/*}; done ;;
                esac
              fi
              [ -n "$bg_p" ] || bg_p=$($bg_as readlink -f -- "$1" 2>/dev/null) || bg_p=
              [ -n "$bg_p" ] || bg_p=$($bg_as readlink -m -- "$1" 2>/dev/null) || bg_p=
              case "$1" in /*) bg_g=$1 ;; *) case "$PWD" in /) bg_g=/$1 ;; *) bg_g=$PWD/$1 ;; esac ;; esac
              [ -n "$bg_p" ] || bg_p=$bg_g
              if bg_rule "$bg_p" || bg_rule "$bg_g"; then bg_refuse "$1" "$bg_p" "$bg_why"; fi
            }
            bg_key() {
              $bg_as test -f "$2" && $bg_as test -r "$2" || return 0
              if [ -n "$5" ] && [ "$5" -le 65536 ] && [ -z "$bg_as" ]; then
                if grep -a -q -F -e 'PRIVATE KEY-----' -e 'PRIVATE KEY BLOCK-----' -e 'PuTTY-User-Key-File-' -- "$2" 2>/dev/null; then bg_refuse "$1" "$2" key; fi
                return 0
              fi
              if { $bg_as head -c 65536 -- "$2"
                   if [ -n "$3" ] && [ $(( $3 + $4 )) -gt 57344 ]; then bg_s=$(( $3 > 8192 ? $3 - 8192 : 0 )); $bg_as tail -c +$(( bg_s + 1 )) -- "$2" | head -c $(( $4 + 16384 )); fi
                 } 2>/dev/null | grep -a -q -F -e 'PRIVATE KEY-----' -e 'PRIVATE KEY BLOCK-----' -e 'PuTTY-User-Key-File-'; then
                bg_refuse "$1" "$2" key
              fi
            }

            """;
    }
}
