using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Bastion.Core.Audit;

// Usage: AuditBench <empty directory> <appenders> <seconds>
// Appends call entries from <appenders> concurrent tasks for <seconds> (after a 1 s warm-up) to a new audit log in
// <directory> and prints one JSON object: appenders, entries, seconds, entries_per_s, bytes (of audit.jsonl).
var directory = Path.GetFullPath(args[0]);
var appenders = int.Parse(args[1], CultureInfo.InvariantCulture);
var seconds = double.Parse(args[2], CultureInfo.InvariantCulture);
var arguments = JsonSerializer.Deserialize<JsonElement>("""{"host":"web-1","command":"uptime"}""");
var record = new AuditRecord("call", "bench", "acme", "session-1", "system_overview", arguments, ["web-1"], "allowed", null, "ok", null, 1.5);

using var log = new AuditLog(new AuditOptions { Directory = Path.Combine(directory, "audit") }, TimeProvider.System);
await log.EnsureWritableAsync(CancellationToken.None);

long count = 0;
var measuring = false;
using var stop = new CancellationTokenSource();
var tasks = Enumerable.Range(0, appenders).Select(_ => Task.Run(async () =>
{
    while (!stop.IsCancellationRequested)
    {
        await log.AppendAsync(record, CancellationToken.None);
        if (Volatile.Read(ref measuring))
        {
            Interlocked.Increment(ref count);
        }
    }
})).ToArray();

await Task.Delay(TimeSpan.FromSeconds(1));
var clock = Stopwatch.StartNew();
Volatile.Write(ref measuring, true);
await Task.Delay(TimeSpan.FromSeconds(seconds));
Volatile.Write(ref measuring, false);
var elapsed = clock.Elapsed.TotalSeconds;
var measured = Interlocked.Read(ref count);
await stop.CancelAsync();
await Task.WhenAll(tasks);

var verification = await AuditLog.VerifyAsync(Path.Combine(directory, "audit"), CancellationToken.None);
if (!verification.Ok)
{
    await Console.Error.WriteLineAsync($"the chain does not verify: {verification.Problem}");
    return 1;
}

var bytes = new FileInfo(Path.Combine(directory, "audit", "audit.jsonl")).Length;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $$"""{"appenders":{{appenders}},"entries":{{measured}},"seconds":{{elapsed:F2}},"entries_per_s":{{measured / elapsed:F1}},"verified_entries":{{verification.EntriesChecked}},"bytes":{{bytes}}}"""));
return 0;
