using System.Globalization;
using System.Runtime.InteropServices;
using Bastion.Fakes.Cloudways;

// cloudways-fake [--port N] [--email E] [--api-key K] [--access-token T] [--read-token T] [--token-lifetime SECONDS] [--operation-polls N]
// Prints one line "cloudways-fake ready url=<base url>" when it listens, then serves until SIGTERM or SIGINT.
var values = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i < args.Length; i++)
{
    if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
    {
        await Console.Error.WriteLineAsync($"cloudways-fake: unexpected argument '{args[i]}'; options take a value: --port, --email, --api-key, --access-token, --read-token, --token-lifetime, --operation-polls");
        return 2;
    }

    values[args[i][2..]] = args[++i];
}

var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
if (values.TryGetValue("access-token", out var full))
{
    tokens[full] = "FULL";
}

if (values.TryGetValue("read-token", out var read))
{
    tokens[read] = "READ";
}

var defaults = new FakeOptions();
var options = defaults with
{
    Port = values.TryGetValue("port", out var port) ? int.Parse(port, CultureInfo.InvariantCulture) : 0,
    Email = values.GetValueOrDefault("email", defaults.Email),
    ApiKey = values.GetValueOrDefault("api-key", defaults.ApiKey),
    AccessTokens = tokens,
    TokenLifetime = values.TryGetValue("token-lifetime", out var lifetime) ? TimeSpan.FromSeconds(double.Parse(lifetime, CultureInfo.InvariantCulture)) : defaults.TokenLifetime,
    PollsToComplete = values.TryGetValue("operation-polls", out var polls) ? int.Parse(polls, CultureInfo.InvariantCulture) : defaults.PollsToComplete,
};

await using var fake = await CloudwaysFake.StartAsync(options);
Console.WriteLine($"cloudways-fake ready url={fake.BaseUrl}");
Console.Out.Flush();

var stop = new TaskCompletionSource();
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.TrySetResult(); });
await stop.Task;
return 0;
