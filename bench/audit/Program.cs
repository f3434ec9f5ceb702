using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Bastion.Core.Audit;

// Usage: AuditBench <empty directory> <appenders> <seconds>
// Appends call entries from <appenders> concurrent tasks for <seconds> (after a 1 s warm-up) to a new audit log in
// <directory> and prints one JSON object: appenders, entries, seconds, entries_per_s, verified_entries, bytes (of
// audit.jsonl). With shipping set in the environment as users set it (BASTION_AUDIT_SYSLOG, BASTION_AUDIT_OTLP,
// BASTION_AUDIT_SHIP_BUFFER), the log also ships every entry, and the object adds file_bytes (all of the log's files),
// drain_s (the time after the appenders stopped until every entry was sent or dropped, at most 60 s) and, per sink,
// its sent and dropped counts ("ship":{"syslog":{"sent":N,"dropped":N},…}).
var directory = Path.GetFullPath(args[0]);
var appenders = int.Parse(args[1], CultureInfo.InvariantCulture);
var seconds = double.Parse(args[2], CultureInfo.InvariantCulture);
var arguments = JsonSerializer.Deserialize<JsonElement>("""{"host":"web-1","command":"uptime"}""");
var record = new AuditRecord("call", "bench", "acme", "session-1", "system_overview", arguments, ["web-1"], "allowed", null, "ok", null, 1.5);

var shipping = Bastion.Core.Audit.Shipping.ShippingOptions.From(Environment.GetEnvironmentVariable);
var log = new AuditLog(new AuditOptions { Directory = Path.Combine(directory, "audit"), Shipping = shipping }, TimeProvider.System);
await log.EnsureWritableAsync(CancellationToken.None);

long count = 0;
long appended = 0;
var measuring = false;
using var stop = new CancellationTokenSource();
var tasks = Enumerable.Range(0, appenders).Select(_ => Task.Run(async () =>
{
    while (!stop.IsCancellationRequested)
    {
        await log.AppendAsync(record, CancellationToken.None);
        Interlocked.Increment(ref appended);
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

var drain = Stopwatch.StartNew();
var total = Interlocked.Read(ref appended);
while (log.Shipper is { } shipper && shipper.Sinks.Any(s => s.Sent + s.Dropped < total) && drain.Elapsed < TimeSpan.FromSeconds(60))
{
    await Task.Delay(20);
}

var drained = drain.Elapsed.TotalSeconds;
var sinks = log.Shipper?.Sinks ?? [];
log.Dispose();
var ship = string.Join(",", sinks.Select(s => string.Create(CultureInfo.InvariantCulture, $$"""
    "{{s.Name}}":{"sent":{{s.Sent}},"dropped":{{s.Dropped}}}
    """)));

var verification = await AuditLog.VerifyAsync(Path.Combine(directory, "audit"), CancellationToken.None);
if (!verification.Ok)
{
    await Console.Error.WriteLineAsync($"the chain does not verify: {verification.Problem}");
    return 1;
}

var bytes = new FileInfo(Path.Combine(directory, "audit", "audit.jsonl")).Length;
var fileBytes = Directory.GetFiles(Path.Combine(directory, "audit"), "audit*.jsonl*").Sum(f => new FileInfo(f).Length);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $$$"""{"appenders":{{{appenders}}},"entries":{{{measured}}},"seconds":{{{elapsed:F2}}},"entries_per_s":{{{measured / elapsed:F1}}},"verified_entries":{{{verification.EntriesChecked}}},"bytes":{{{bytes}}},"file_bytes":{{{fileBytes}}},"drain_s":{{{drained:F2}}},"ship":{{{{ship}}}}}"""));
return 0;
