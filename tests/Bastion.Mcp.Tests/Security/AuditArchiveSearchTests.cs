using System.Text.Json;
using Bastion.Core.Audit;
using Bastion.Core.Policy;
using ModelContextProtocol.Protocol;

namespace Bastion.Mcp.Tests.Security;

/// <summary>The <c>audit_search</c> tool, through the real MCP pipeline, finds entries in gzip-compressed rotated files.</summary>
public sealed class AuditArchiveSearchTests
{
    [Fact]
    public async Task AuditSearch_FindsEntries_InCompressedRotatedFiles()
    {
        await using var server = await TestServer.StartAsync(Mode.ReadOnly, configure: o =>
        {
            var arguments = JsonSerializer.Deserialize<JsonElement>("""{"host":"web-1"}""");
            using var log = new AuditLog(new AuditOptions { Directory = o.Paths.AuditDirectory, MaxFileBytes = 4096, MaxTotalBytes = null, MaxAge = null }, TimeProvider.System);
            for (var i = 1; i <= 60; i++)
            {
                log.AppendAsync(new AuditRecord("call", i % 3 == 0 ? "archived-bob" : "alice", null, null, "system_overview", arguments, ["web-1"], "allowed", null, "ok", null, 1.0), CancellationToken.None)
                    .GetAwaiter().GetResult();
            }

            return o;
        });
        Directory.GetFiles(Path.Combine(server.DataDirectory, "audit"), "audit-*.jsonl.gz").Length.ShouldBeGreaterThan(2);

        CallToolResult result = await server.Client.CallToolAsync("audit_search", new Dictionary<string, object?> { ["principal"] = "archived-bob", ["limit"] = 100 });

        result.IsError.ShouldNotBe(true);
        var seqs = result.StructuredContent!.Value.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()).ToList();
        seqs.ShouldBe(Enumerable.Range(1, 60).Where(i => i % 3 == 0).Select(i => (long)i).Reverse());
    }
}
