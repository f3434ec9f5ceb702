using System.Globalization;
using System.Text.Json.Nodes;
using Bastion.Store.Postgres.Audit;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Bastion.Store.Postgres.Tests.History;

/// <summary>
/// Two real <c>bastion serve --http --store</c> processes: the collector's leader writes the server's own host history
/// into the store, and both instances answer <c>metrics_history</c> and <c>metrics_top</c> alike from it.
/// </summary>
public sealed class SharedHistoryProcessTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [PostgresFact]
    public async Task Serve_AnswersHistoryAlikeOnBothInstances_FromWhatTheLeaderCollectedIntoTheStore()
    {
        var dirs = new[] { Directory.CreateTempSubdirectory("bastion-pg-hist-a-").FullName, Directory.CreateTempSubdirectory("bastion-pg-hist-b-").FullName };
        string[] flags = ["--collect-interval", "2s", "--log-level", "Information"];
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        await using var a = await BastionInstance.StartAsync(database, dirs[0], flags);
        File.Copy(Path.Combine(dirs[0], StoreAuditKeys.FileName), Path.Combine(dirs[1], StoreAuditKeys.FileName));
        File.SetUnixFileMode(Path.Combine(dirs[1], StoreAuditKeys.FileName), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await using var b = await BastionInstance.StartAsync(database, dirs[1], flags);
        await using var onA = await ConnectAsync(a);
        await using var onB = await ConnectAsync(b);
        // The server's own principal is built on its first call on each instance, and its collector starts with it.
        await onA.CallToolAsync("access_status");
        await onB.CallToolAsync("access_status");

        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (Convert.ToInt64(await database.ScalarAsync("SELECT count(*) FROM history_ticks WHERE tenant = 'default' AND host = 'local' AND status = 0"), CultureInfo.InvariantCulture) < 3)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, $"three ticks of 'local' in the store\nA: {a.Stderr}\nB: {b.Stderr}");
            await Task.Delay(200);
        }

        // A window that has ended: a tick written between the two calls cannot change the answer.
        var until = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1).ToString("O", CultureInfo.InvariantCulture);
        var history = new Dictionary<string, object?> { ["target"] = "local", ["metrics"] = "cpu,memory", ["since"] = since.ToString("O", CultureInfo.InvariantCulture), ["until"] = until, ["step"] = "2s" };
        var top = new Dictionary<string, object?> { ["metric"] = "memory", ["target"] = "all", ["window"] = "5m", ["until"] = until };
        var historyA = await TextAsync(onA, "metrics_history", history);
        var historyB = await TextAsync(onB, "metrics_history", history);
        var topA = await TextAsync(onA, "metrics_top", top);
        var topB = await TextAsync(onB, "metrics_top", top);

        var leaders = new[] { a, b }.Count(i => i.Stderr.Contains("History collector leads", StringComparison.Ordinal));
        leaders.ShouldBe(1, $"one instance collects\nA: {a.Stderr}\nB: {b.Stderr}");
        historyA.ShouldBe(historyB);
        topA.ShouldBe(topB);
        var series = JsonNode.Parse(historyA)!.ToJsonString();
        series.ShouldContain("memory.used_percent");
        series.ShouldContain("collector");
        topA.ShouldContain("\"local\"");
        File.Exists(Path.Combine(dirs[0], "history.db")).ShouldBeFalse("the store holds the history, not the data directory");
        File.Exists(Path.Combine(dirs[1], "history.db")).ShouldBeFalse("the store holds the history, not the data directory");
    }

    private static Task<McpClient> ConnectAsync(BastionInstance instance) =>
        McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = instance.Endpoint, TransportMode = HttpTransportMode.StreamableHttp }));

    private static async Task<string> TextAsync(McpClient client, string tool, Dictionary<string, object?> arguments)
    {
        var result = await client.CallToolAsync(tool, arguments);
        var text = string.Join(' ', result.Content.OfType<TextContentBlock>().Select(t => t.Text));
        result.IsError.ShouldNotBe(true, text);
        return text;
    }
}
