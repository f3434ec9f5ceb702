using Bastion.Core.Inventory;
using Bastion.Core.Secrets;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Store.Sqlite.Tests;

/// <summary>History answers through the real call pipeline: point times are numbers (nothing to redact), the strings that can hold a secret are redacted.</summary>
public sealed class HistoryRedactionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task History_RedactsASecretInAHostName_AndGivesEveryPointTimeAsUnixSeconds()
    {
        // A host whose inventory name carries a value the server knows as secret (a vault value, a token in the environment).
        const string secret = "k7Qm2xPz9vRt";
        var leaky = Host.Ssh($"web-{secret}", "127.0.0.151", 9, "nobody");
        await using var h = await HistoryHarness.StartAsync(hosts: [leaky]);
        h.Services.GetRequiredService<Redactor>().AddKnownSecret(secret);
        for (var i = 0; i < 30; i++)
        {
            await h.TickAsync(leaky.Name, T0.AddMinutes(i), "cpu.busy_percent", i);
        }

        var answer = await CollectorLocalTests.CallAsync(h.Client, "metrics_history", new()
        {
            ["target"] = leaky.Name, ["metrics"] = "cpu", ["since"] = "2026-12-01T10:00:00Z", ["until"] = "2026-12-01T10:30:00Z", ["step"] = "60s",
        });

        var text = answer.GetRawText();
        text.ShouldNotContain(secret);
        var host = answer.GetProperty("hosts").EnumerateArray().ShouldHaveSingleItem();
        host.GetProperty("host").GetString().ShouldBe("web-[REDACTED:known_secret]");
        var points = host.GetProperty("series").EnumerateArray().Single(s => s.GetProperty("metric").GetString() == "cpu.busy_percent").GetProperty("points").EnumerateArray().ToList();
        points.Select(p => DateTimeOffset.FromUnixTimeSeconds(p[0].GetInt64())).ShouldBe(Enumerable.Range(0, 30).Select(i => T0.AddMinutes(i)));
        points.Select(p => p[1].GetDouble()).ShouldBe(Enumerable.Range(0, 30).Select(i => (double)i));
    }

    [Fact]
    public void Redact_OfATimestamp_StillReplacesAKnownSecret_AndIsOtherwiseLeftAlone()
    {
        var redactor = new Redactor(["2026-12-01T10:05:00+00:00"]);
        redactor.Redact("2026-12-01T10:05:00+00:00").ShouldBe("[REDACTED:known_secret]");
        new Redactor().Redact("2026-12-01T10:06:00.125Z").ShouldBe("2026-12-01T10:06:00.125Z");
        new Redactor().Redact("db:5432:app:app:hunter2secret").ShouldContain("[REDACTED:", customMessage: "a string that is not a time stamp still goes through the patterns");
    }
}
