using System.Globalization;

namespace Bastion.Fakes.CloudStack;

/// <summary>
/// Runs the fake as a process for end-to-end tests:
/// <c>bastion-fake-cloudstack [--port N] [--api-key K] [--secret-key S] [--user U] [--password P] [--domain D] [--job-polls N] [--session-timeout SECONDS]</c>.
/// Prints one line <c>ready url=http://127.0.0.1:PORT/client/api</c> on stdout once it listens, then serves until
/// SIGTERM or Ctrl+C.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new CloudStackFakeOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--port" => options with { Port = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--api-key" => options with { ApiKey = Next() },
                "--secret-key" => options with { SecretKey = Next() },
                "--user" => options with { Username = Next() },
                "--password" => options with { Password = Next() },
                "--domain" => options with { Domain = Next() },
                "--job-polls" => options with { PollsToComplete = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--session-timeout" => options with { SessionTimeout = TimeSpan.FromSeconds(int.Parse(Next(), CultureInfo.InvariantCulture)) },
                _ => throw new ArgumentException($"unknown option {args[i]}; known: --port --api-key --secret-key --user --password --domain --job-polls --session-timeout"),
            };
        }

        await using var fake = await CloudStackFake.StartAsync(options, ownProcess: true);
        await Console.Out.WriteLineAsync($"ready url={fake.Url}");
        await Console.Out.FlushAsync();
        await fake.WaitForShutdownAsync();
        return 0;
    }
}
