using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bastion.Core.Audit;

namespace Bastion.Core.Tests.Audit;

/// <summary>A temporary audit directory, records to put in it, and the means to tamper with it.</summary>
internal sealed class AuditTestLog : IDisposable
{
    public static readonly DateTimeOffset Start = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    /// <summary>A new log; retention and compression are off unless asked for, so that tests can edit rotated files.</summary>
    public AuditTestLog(long maxFileBytes = AuditOptions.DefaultMaxFileBytes, long? maxTotalBytes = null, TimeSpan? maxAge = null, bool compress = false, bool archive = false)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("bastion-audit-").FullName;
        Options = new AuditOptions
        {
            Directory = Path.Combine(Directory, "audit"),
            MaxFileBytes = maxFileBytes,
            MaxTotalBytes = maxTotalBytes,
            MaxAge = maxAge,
            CompressRotated = compress,
            ArchiveDirectory = archive ? Path.Combine(Directory, "archive") : null,
        };
    }

    public string Directory { get; }

    public AuditOptions Options { get; }

    public string AuditDirectory => Options.Directory;

    public string ActivePath => Path.Combine(AuditDirectory, "audit.jsonl");

    public string HeadPath => Path.Combine(AuditDirectory, "audit.head");

    /// <summary>The audit keyring, beside the log's directory.</summary>
    public string KeyPath => Path.Combine(Directory, "audit.key");

    public ManualTimeProvider Clock { get; } = new(Start);

    public AuditLog Open() => new(Options, Clock);

    public static AuditRecord Call(int n, string tool = "system_overview", string principal = "alice", string decision = "allowed") =>
        new("call", principal, "acme", "session-1", tool, Arguments($$"""{"n":{{n}},"host":"web-{{n % 3}}"}"""), [$"web-{n % 3}"],
            decision, decision == "refused" ? "host not in tenant" : null, decision == "refused" ? null : "ok", null, 12.5);

    public static JsonElement Arguments(string json) => JsonSerializer.Deserialize<JsonElement>(json);

    /// <summary>Writes <paramref name="count"/> call entries, one second apart, and closes the log.</summary>
    public async Task<IReadOnlyList<AuditEntry>> FillAsync(int count)
    {
        using var log = Open();
        var entries = new List<AuditEntry>();
        for (var i = 1; i <= count; i++)
        {
            entries.Add(await log.AppendAsync(Call(i, tool: i % 2 == 0 ? "service_restart" : "system_overview", principal: i % 3 == 0 ? "bob" : "alice", decision: i % 5 == 0 ? "refused" : "allowed"), CancellationToken.None));
            Clock.Advance(TimeSpan.FromSeconds(1));
        }

        return entries;
    }

    /// <summary>The log's files in chain order: rotated files by the seq in their names, then audit.jsonl.</summary>
    public IReadOnlyList<string> Files()
    {
        var rotated = System.IO.Directory.GetFiles(AuditDirectory, "audit-*.jsonl")
            .OrderBy(p => long.Parse(Path.GetFileNameWithoutExtension(p).Split('-')[^1], System.Globalization.CultureInfo.InvariantCulture));
        return [.. rotated, .. File.Exists(ActivePath) ? [ActivePath] : Array.Empty<string>()];
    }

    public static List<string> Lines(string path) => [.. File.ReadAllText(path).Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    public static void WriteLines(string path, IEnumerable<string> lines) =>
        File.WriteAllText(path, string.Concat(lines.Select(l => l + "\n")));

    /// <summary>Recomputes a line's hash after an edit, as a tamperer who knows the format but not the key would: SHA-256.</summary>
    public static string Reseal(string line)
    {
        const int suffix = 9 + 64 + 2;
        var body = line[..^suffix] + "}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        return $"{line[..^suffix]},\"hash\":\"{hash}\"}}";
    }

    /// <summary>Recomputes a line's hash with the audit key it names, as Bastion itself would (or a tamperer who took the key).</summary>
    public string ResealWithKey(string line)
    {
        const int suffix = 9 + 64 + 2;
        var body = line[..^suffix] + "}";
        var id = JsonDocument.Parse(line).RootElement.GetProperty("key").GetString()!;
        var hash = Keyring().Find(id)!.Mac(Encoding.UTF8.GetBytes(body));
        return $"{line[..^suffix]},\"hash\":\"{hash}\"}}";
    }

    /// <summary>The keyring as it is on disk.</summary>
    internal AuditKeyring Keyring() => AuditKeyring.Load(KeyPath)!;

    /// <summary>Writes a head for (<paramref name="seq"/>, <paramref name="hash"/>) MAC'd with the key in force for the next entry, as the writer does.</summary>
    public void WriteHead(long seq, string hash)
    {
        var keyring = Keyring();
        var key = keyring.KeyFor(seq + 1)!;
        File.WriteAllText(HeadPath, $"{{\"seq\":{seq},\"hash\":\"{hash}\",\"key\":\"{key.Id}\",\"mac\":\"{key.HeadMac(seq, hash)}\"}}\n");
    }

    /// <summary>Writes a head for (<paramref name="seq"/>, <paramref name="hash"/>) as written during the boot <paramref name="boot"/>, MAC'd with the key in force for the next entry.</summary>
    public void WriteHead(long seq, string hash, string boot)
    {
        var key = Keyring().KeyFor(seq + 1)!;
        File.WriteAllText(HeadPath, $"{{\"seq\":{seq},\"hash\":\"{hash}\",\"key\":\"{key.Id}\",\"boot\":\"{boot}\",\"mac\":\"{key.HeadMac(seq, hash, boot)}\"}}\n");
    }

    /// <summary>The id of the machine's current boot.</summary>
    public static string CurrentBoot => File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim();

    /// <summary>Rewrites every line of every file, in chain order, with its hash and prev recomputed by <paramref name="seal"/>, and the head to match (unkeyed, SHA-256 only, or with the key).</summary>
    public void RewriteChain(Func<string, string> edit, Func<string, string> seal, bool keyedHead)
    {
        var prev = new string('0', 64);
        string last = prev;
        long seq = 0;
        foreach (var file in Files())
        {
            var lines = Lines(file).Select(line =>
            {
                var edited = edit(line);
                var start = edited.IndexOf(",\"prev\":\"", StringComparison.Ordinal) + 9;
                edited = edited[..start] + prev + edited[(start + 64)..];
                var sealedLine = seal(edited);
                prev = JsonDocument.Parse(sealedLine).RootElement.GetProperty("hash").GetString()!;
                seq++;
                return sealedLine;
            }).ToList();
            WriteLines(file, lines);
            last = prev;
        }

        if (keyedHead)
        {
            WriteHead(seq, last);
        }
        else
        {
            File.WriteAllText(HeadPath, $"{{\"seq\":{seq},\"hash\":\"{last}\"}}\n");
        }
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
