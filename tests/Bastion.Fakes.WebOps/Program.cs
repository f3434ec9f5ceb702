using System.Globalization;
using Bastion.Fakes.WebOps;

// webops-fake [--port N] [--user NAME] [--password PASSWORD] [--token TOKEN] [--accept-bearer] [--two-factor]
//             [--build-polls N] [--as-run-at-commit]
// Serves the fake WebOps control panel on http://127.0.0.1:N (N = 0: any free port) and prints one line,
// "webops fake ready: URL", once it listens. Stops on SIGINT/SIGTERM.
var options = new FakeWebOpsOptions();
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535:
            options = options with { Port = port };
            i++;
            break;
        case "--user" when value is not null:
            options = options with { Username = value };
            i++;
            break;
        case "--password" when value is not null:
            options = options with { Password = value };
            i++;
            break;
        case "--token" when value is not null:
            options = options with { Token = value };
            i++;
            break;
        case "--build-polls" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var polls):
            options = options with { BuildPolls = polls };
            i++;
            break;
        case "--accept-bearer":
            options = options with { AcceptBearer = true };
            break;
        case "--two-factor":
            options = options with { TwoFactor = true };
            break;
        case "--as-run-at-commit":
            options = options with { AsRunAtCommit = true };
            break;
        default:
            await Console.Error.WriteLineAsync(
                "usage: webops-fake [--port N] [--user NAME] [--password PASSWORD] [--token TOKEN] [--accept-bearer] [--two-factor] [--build-polls N] [--as-run-at-commit]; " +
                $"not understood: {args[i]}");
            return 2;
    }
}

await using var fake = await FakeWebOps.StartAsync(options);
Console.WriteLine($"webops fake ready: {fake.Url}");
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}

return 0;
