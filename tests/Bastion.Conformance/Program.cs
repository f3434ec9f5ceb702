using System.Globalization;
using Bastion.Conformance;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// bastion-conformance [--port N] [--log-level LEVEL]
// Serves the conformance server on http://127.0.0.1:N/mcp (N = 0: any free port) and prints one line,
// "conformance server ready: URL", once it listens. Logs go to stderr. Stops on SIGINT/SIGTERM.
var port = 0;
var logLevel = LogLevel.Warning;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--port" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p <= 65535:
            port = p;
            i++;
            break;
        case "--log-level" when i + 1 < args.Length && Enum.TryParse<LogLevel>(args[i + 1], ignoreCase: true, out var level):
            logLevel = level;
            i++;
            break;
        default:
            await Console.Error.WriteLineAsync($"usage: bastion-conformance [--port N] [--log-level Trace|Debug|Information|Warning|Error]; not understood: {args[i]}");
            return 2;
    }
}

await using var app = ConformanceServer.Build(port, logLevel);
await app.StartAsync();
var address = app.Urls.First();
Console.WriteLine($"conformance server ready: {address}/mcp");
await app.WaitForShutdownAsync();
return 0;
