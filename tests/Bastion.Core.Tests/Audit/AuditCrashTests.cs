using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Bastion.Core.Audit;

namespace Bastion.Core.Tests.Audit;

/// <summary>
/// Real processes killed with SIGKILL in the middle of a burst of appends (<see cref="AuditBurstChild"/>): every entry
/// whose AppendAsync had returned is in the log afterwards, the chain verifies, and the next writer carries on.
/// </summary>
public sealed class AuditCrashTests : IDisposable
{
    private readonly AuditTestLog _test = new();

    public void Dispose() => _test.Dispose();

    /// <summary>Starts a child appending from <paramref name="appenders"/> tasks, kills it (SIGKILL) once it has reported <paramref name="answered"/> returned appends, and returns every seq it reported.</summary>
    private async Task<List<long>> BurstAndKillAsync(int appenders, int answered)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { typeof(AuditBurstChild).Assembly.Location, "audit-burst", _test.AuditDirectory, appenders.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        using var stuck = new CancellationTokenSource(TimeSpan.FromMinutes(5)); // a guard against a hung child, not a measure
        var errors = child.StandardError.ReadToEndAsync();
        var seqs = new List<long>();
        try
        {
            while (seqs.Count < answered && await child.StandardOutput.ReadLineAsync(stuck.Token) is { } line)
            {
                seqs.Add(long.Parse(line, CultureInfo.InvariantCulture));
            }

            if (seqs.Count < answered)
            {
                throw new InvalidOperationException($"The child stopped after {seqs.Count} appends: {await errors}");
            }
        }
        finally
        {
            child.Kill(); // SIGKILL: no finally blocks, no Dispose, no flush in the child
        }

        // What the child printed before it died was answered too.
        while (await child.StandardOutput.ReadLineAsync(stuck.Token) is { } line)
        {
            seqs.Add(long.Parse(line, CultureInfo.InvariantCulture));
        }

        await child.WaitForExitAsync(stuck.Token);
        child.ExitCode.ShouldNotBe(0);
        return seqs;
    }

    private HashSet<long> SeqsInTheLog() =>
        [.. _test.Files().SelectMany(AuditTestLog.Lines).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("seq").GetInt64())];

    [Fact]
    public async Task AppendersKilledMidBurst_LoseNoAnsweredEntry_AndLeaveAChainThatVerifies()
    {
        var answered = new List<long>();
        foreach (var (appenders, count) in new[] { (16, 300), (64, 500), (1, 40) })
        {
            var seqs = await BurstAndKillAsync(appenders, count);
            answered.AddRange(seqs);

            var inLog = SeqsInTheLog();
            seqs.Where(s => !inLog.Contains(s)).ShouldBeEmpty("every entry whose AppendAsync returned is in the log");
            var verification = await AuditLog.VerifyAsync(_test.AuditDirectory, CancellationToken.None);
            verification.Ok.ShouldBeTrue(verification.Problem);
            verification.EntriesChecked.ShouldBe(inLog.Count);
        }

        answered.Distinct().Count().ShouldBe(answered.Count, "no seq was handed out twice across the crashes");
        using var log = _test.Open();
        var next = await log.AppendAsync(AuditTestLog.Call(1), CancellationToken.None);
        next.Seq.ShouldBe(SeqsInTheLog().Count);
        (await AuditLog.VerifyAsync(_test.AuditDirectory, CancellationToken.None)).Ok.ShouldBeTrue();
    }

    [Fact]
    public async Task AnAppenderKilledMidBurst_WithATornLastLine_IsQuarantinedByTheNextWriter_AndTheChainVerifies()
    {
        var answered = await BurstAndKillAsync(16, 200);
        var lines = AuditTestLog.Lines(_test.ActivePath);
        var torn = lines[^1][..(lines[^1].Length / 2)];
        File.AppendAllText(_test.ActivePath, torn); // what a write cut short by the crash (or a power loss) leaves

        (await AuditLog.VerifyAsync(_test.AuditDirectory, CancellationToken.None)).Problem.ShouldNotBeNull().ShouldContain("partial line");
        var after = await BurstAndKillAsync(16, 100);

        var inLog = SeqsInTheLog();
        answered.Concat(after).Where(s => !inLog.Contains(s)).ShouldBeEmpty();
        var quarantined = Directory.GetFiles(_test.AuditDirectory, "audit-quarantine-*.partial").ShouldHaveSingleItem();
        File.ReadAllText(quarantined).ShouldBe(torn);
        using var log = _test.Open();
        var recovery = (await log.ReadAsync(CancellationToken.None).ToListAsync()).Single(e => e.Phase == "recovery");
        recovery.Seq.ShouldBe(lines.Count + 1);
        (await AuditLog.VerifyAsync(_test.AuditDirectory, CancellationToken.None)).Ok.ShouldBeTrue();
    }
}
