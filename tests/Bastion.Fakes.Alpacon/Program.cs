using System.Globalization;
using System.Runtime.InteropServices;
using Bastion.Fakes.Alpacon;

// alpacon-fake --port N --token T [--exit-on-stdin-close]: a fake Alpacon workspace on 127.0.0.1 until SIGTERM or
// Ctrl+C (or, with --exit-on-stdin-close, until its standard input closes, for test harnesses).
var port = 0;
string? token = null;
var stdinStops = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--port" when i + 1 < args.Length:
            port = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--token" when i + 1 < args.Length:
            token = args[++i];
            break;
        case "--exit-on-stdin-close":
            stdinStops = true;
            break;
        default:
            await Console.Error.WriteLineAsync($"unknown option {args[i]}; use --port N --token T [--exit-on-stdin-close]");
            return 2;
    }
}

var options = new AlpaconFakeOptions { Port = port };
await using var fake = await AlpaconFake.StartAsync(token is null ? options : options with { Token = token });
Console.WriteLine($"alpacon-fake ready {fake.Url}");
var stop = new TaskCompletionSource();
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
{
    c.Cancel = true;
    stop.TrySetResult();
});
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c =>
{
    c.Cancel = true;
    stop.TrySetResult();
});
if (stdinStops)
{
    _ = Task.Run(async () =>
    {
        await Console.In.ReadToEndAsync();
        stop.TrySetResult();
    });
}

await stop.Task;
return 0;
