using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bastion.Core.Audit;

namespace Bastion.Core.Tests.Audit;

/// <summary>A temporary audit directory, records to put in it, and the means to tamper with it.</summary>
internal sealed class AuditTestLog : IDisposable
{
    public static readonly DateTimeOffset Start = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public AuditTestLog(long maxFileBytes = AuditOptions.DefaultMaxFileBytes)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("bastion-audit-").FullName;
        Options = new AuditOptions { Directory = Path.Combine(Directory, "audit"), MaxFileBytes = maxFileBytes };
    }

    public string Directory { get; }

    public AuditOptions Options { get; }

    public string AuditDirectory => Options.Directory;

    public string ActivePath => Path.Combine(AuditDirectory, "audit.jsonl");

    public string HeadPath => Path.Combine(AuditDirectory, "audit.head");

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

    /// <summary>Recomputes a line's hash after an edit, as a tamperer who knows the format would.</summary>
    public static string Reseal(string line)
    {
        const int suffix = 9 + 64 + 2;
        var body = line[..^suffix] + "}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        return $"{line[..^suffix]},\"hash\":\"{hash}\"}}";
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
