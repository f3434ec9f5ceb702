using System.Globalization;
using Bastion.Core.Audit;

namespace Bastion.Core.Tests.Audit;

/// <summary>
/// The test assembly's entry point, used as a child process by <see cref="AuditCrashTests"/>:
/// <c>dotnet Bastion.Core.Tests.dll audit-burst &lt;audit directory&gt; &lt;appenders&gt;</c> appends call entries from
/// that many concurrent tasks until it is killed, printing each entry's seq on its own line once AppendAsync returned it.
/// With no arguments it does nothing (the test runner never calls it).
/// </summary>
internal static class AuditBurstChild
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not ["audit-burst", var directory, var count])
        {
            return args.Length == 0 ? 0 : 2;
        }

        var output = Console.Out;
        var printed = new Lock();
        using var log = new AuditLog(new AuditOptions { Directory = directory }, TimeProvider.System);
        await log.EnsureWritableAsync(CancellationToken.None);
        await Task.WhenAll(Enumerable.Range(0, int.Parse(count, CultureInfo.InvariantCulture)).Select(task => Task.Run(async () =>
        {
            for (var n = 0; ; n++)
            {
                var entry = await log.AppendAsync(AuditTestLog.Call((task * 1_000_000) + n), CancellationToken.None);
                lock (printed)
                {
                    output.WriteLine(entry.Seq.ToString(CultureInfo.InvariantCulture));
                    output.Flush();
                }
            }
        })));
        return 0;
    }
}
